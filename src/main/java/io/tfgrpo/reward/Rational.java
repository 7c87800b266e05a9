package io.tfgrpo.reward;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.Optional;

/**
 * An exact fraction in lowest terms with a positive denominator. Answers are compared with these, never with
 * doubles, whenever both sides are rational: then 1/2 equals 0.5 and 1/3 does not equal 0.3333.
 * <p>
 * Neither part ever exceeds {@link #MAX_BITS}: an operation whose result would is refused (empty), and
 * {@link Num} falls back to a double. An answer such as {@code 1/3^{1000}+1/5^{600}+...} would otherwise grow a denominator of
 * hundreds of thousands of bits, and every addition's gcd on it costs seconds.
 */
record Rational(BigInteger numerator, BigInteger denominator) {

    static final Rational ZERO = of(BigInteger.ZERO);

    /** About 1,200 decimal digits: far beyond any answer, small enough that a gcd costs well under a millisecond. */
    static final int MAX_BITS = 4_096;

    Rational {
        if (denominator.signum() == 0) {
            throw new ArithmeticException("division by zero");
        }
        if (numerator.bitLength() > MAX_BITS || denominator.bitLength() > MAX_BITS) {
            // checked before the gcd below, which is what costs
            throw new ArithmeticException("too large to be exact");
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

    /** The sum, or empty when it would be too large to keep exact; so for the other operations. */
    Optional<Rational> plus(Rational other) {
        return bounded(numerator.multiply(other.denominator).add(other.numerator.multiply(denominator)),
                denominator.multiply(other.denominator));
    }

    Rational negate() {
        return new Rational(numerator.negate(), denominator);
    }

    Optional<Rational> times(Rational other) {
        return bounded(numerator.multiply(other.numerator), denominator.multiply(other.denominator));
    }

    Optional<Rational> dividedBy(Rational other) {
        return bounded(numerator.multiply(other.denominator), denominator.multiply(other.numerator));
    }

    boolean isInteger() {
        return denominator.equals(BigInteger.ONE);
    }

    int signum() {
        return numerator.signum();
    }

    /** This to an integer power, or empty when the result would be too large to be worth it. */
    Optional<Rational> pow(Rational exponent) {
        if (!exponent.isInteger()) {
            return Optional.empty();
        }
        if (isInteger() && numerator.abs().compareTo(BigInteger.ONE) <= 0 && (signum() != 0 || exponent.signum() > 0)) {
            // 0, 1 and -1 to any power, however large the exponent
            return Optional.of(signum() < 0 && exponent.numerator.testBit(0) ? this : of(numerator.abs()));
        }
        if (exponent.numerator.bitLength() > 31) {
            return Optional.empty();
        }
        int n = exponent.numerator.intValueExact();
        // a lower bound, exact for powers of two; within it the power is at most twice the bound, then checked
        long bits = (long) (Math.max(numerator.bitLength(), denominator.bitLength()) - 1) * Math.abs((long) n);
        if (bits > MAX_BITS) {
            return Optional.empty();
        }
        BigInteger top = numerator.pow(Math.abs(n));
        BigInteger bottom = denominator.pow(Math.abs(n));
        return n >= 0 ? bounded(top, bottom) : bounded(bottom, top);
    }

    /** The exact k-th root when numerator and denominator are perfect k-th powers (so sqrt(9/4) stays exact). */
    Optional<Rational> root(int k) {
        if (k < 1 || (signum() < 0 && k % 2 == 0)) {
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

    /** Operands are within the bound, so their products are at most twice it: cheap to make, then checked. */
    private static Optional<Rational> bounded(BigInteger numerator, BigInteger denominator) {
        return numerator.bitLength() > MAX_BITS || denominator.bitLength() > MAX_BITS ? Optional.empty()
                : Optional.of(new Rational(numerator, denominator));
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
