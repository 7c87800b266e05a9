package io.tfgrpo.reward;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.Optional;

/**
 * An exact fraction in lowest terms with a positive denominator. Answers are compared with these, never with
 * doubles, whenever both sides are rational: then 1/2 equals 0.5 and 1/3 does not equal 0.3333.
 */
record Rational(BigInteger numerator, BigInteger denominator) {

    static final Rational ZERO = of(BigInteger.ZERO);

    /** Powers beyond this many bits are not worth computing exactly; they fall back to doubles. */
    private static final long MAX_BITS = 20_000;

    Rational {
        if (denominator.signum() == 0) {
            throw new ArithmeticException("division by zero");
        }
        if (denominator.signum() < 0) {
            numerator = numerator.negate();
            denominator = denominator.negate();
        }
        BigInteger gcd = numerator.gcd(denominator);
        if (!gcd.equals(BigInteger.ONE) && gcd.signum() != 0) {
            numerator = numerator.divide(gcd);
            denominator = denominator.divide(gcd);
        }
    }

    static Rational of(BigInteger integer) {
        return new Rational(integer, BigInteger.ONE);
    }

    static Rational of(long integer) {
        return of(BigInteger.valueOf(integer));
    }

    static Rational of(BigDecimal decimal) {
        return decimal.scale() >= 0
                ? new Rational(decimal.unscaledValue(), BigInteger.TEN.pow(decimal.scale()))
                : of(decimal.unscaledValue().multiply(BigInteger.TEN.pow(-decimal.scale())));
    }

    Rational plus(Rational other) {
        return new Rational(numerator.multiply(other.denominator).add(other.numerator.multiply(denominator)),
                denominator.multiply(other.denominator));
    }

    Rational negate() {
        return new Rational(numerator.negate(), denominator);
    }

    Rational times(Rational other) {
        return new Rational(numerator.multiply(other.numerator), denominator.multiply(other.denominator));
    }

    Rational dividedBy(Rational other) {
        return new Rational(numerator.multiply(other.denominator), denominator.multiply(other.numerator));
    }

    boolean isInteger() {
        return denominator.equals(BigInteger.ONE);
    }

    int signum() {
        return numerator.signum();
    }

    /** This to an integer power, or empty when the result would be too large to be worth it. */
    Optional<Rational> pow(Rational exponent) {
        if (!exponent.isInteger() || exponent.numerator.bitLength() > 31) {
            return Optional.empty();
        }
        int n = exponent.numerator.intValueExact();
        long bits = (long) Math.max(numerator.bitLength(), denominator.bitLength()) * Math.abs((long) n);
        if (bits > MAX_BITS) {
            return Optional.empty();
        }
        Rational power = new Rational(numerator.pow(Math.abs(n)), denominator.pow(Math.abs(n)));
        return Optional.of(n >= 0 ? power : of(BigInteger.ONE).dividedBy(power));
    }

    /** The exact k-th root when numerator and denominator are perfect k-th powers (so sqrt(9/4) stays exact). */
    Optional<Rational> root(int k) {
        if (k < 1 || (signum() < 0 && k % 2 == 0) || numerator.bitLength() > 4_000 || denominator.bitLength() > 4_000) {
            return Optional.empty();
        }
        Optional<BigInteger> top = integerRoot(numerator.abs(), k);
        Optional<BigInteger> bottom = integerRoot(denominator, k);
        if (top.isEmpty() || bottom.isEmpty()) {
            return Optional.empty();
        }
        BigInteger signed = signum() < 0 ? top.get().negate() : top.get();
        return Optional.of(new Rational(signed, bottom.get()));
    }

    double toDouble() {
        return new BigDecimal(numerator).divide(new BigDecimal(denominator), MathContext.DECIMAL64).doubleValue();
    }

    private static Optional<BigInteger> integerRoot(BigInteger value, int k) {
        BigInteger guess = k == 2 ? value.sqrt()
                : new BigDecimal(Math.round(Math.pow(new BigDecimal(value).doubleValue(), 1.0 / k))).toBigInteger();
        // the double guess may be off by one either way for large values
        for (BigInteger candidate = guess.subtract(BigInteger.ONE).max(BigInteger.ZERO);
                candidate.compareTo(guess.add(BigInteger.ONE)) <= 0; candidate = candidate.add(BigInteger.ONE)) {
            if (candidate.pow(k).equals(value)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
