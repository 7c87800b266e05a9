package io.tfgrpo.reward;

import java.util.Optional;
import java.util.function.BiFunction;

/**
 * A numeric answer: exact when it is rational, otherwise a double. Doubles come from irrational values (pi, roots
 * that are not exact), from decimals too long to be anything but a printed double (see {@link Expression}) and
 * from results too large to keep exact ({@link Rational#MAX_BITS}).
 *
 * @param exact  the exact value, or null when only {@code approx} is known
 * @param approx the value as a double (NaN when it is not a real number)
 */
record Num(Rational exact, double approx) {

    /** Relative tolerance, used only when a side is not exact. */
    static final double TOLERANCE = 1e-9;

    static Num of(Rational exact) {
        return new Num(exact, exact.toDouble());
    }

    static Num approximately(double value) {
        return new Num(null, value);
    }

    boolean isExact() {
        return exact != null;
    }

    boolean sameAs(Num other) {
        if (isExact() && other.isExact()) {
            return exact.equals(other.exact);
        }
        double a = approx;
        double b = other.approx;
        if (!Double.isFinite(a) || !Double.isFinite(b)) {
            return false;
        }
        return Math.abs(a - b) <= TOLERANCE * Math.max(Math.abs(a), Math.abs(b));
    }

    Num plus(Num other) {
        return exactly(other, Rational::plus, approx + other.approx);
    }

    Num negate() {
        return isExact() ? of(exact.negate()) : approximately(-approx);
    }

    Num times(Num other) {
        return exactly(other, Rational::times, approx * other.approx);
    }

    Num dividedBy(Num other) {
        if (other.isExact() ? other.exact.signum() == 0 : other.approx == 0) {
            throw new ArithmeticException("division by zero");
        }
        return exactly(other, Rational::dividedBy, approx / other.approx);
    }

    /** Exact for integer powers and for perfect roots (8^(1/3) = 2); otherwise a double. */
    Num pow(Num exponent) {
        double approximate = Math.pow(approx, exponent.approx);
        if (isExact() && exponent.isExact()) {
            Rational e = exponent.exact;
            Optional<Rational> root = e.denominator().bitLength() < 8 ? exact.root(e.denominator().intValue())
                    : Optional.empty();
            if (root.isPresent()) {
                return root.get().pow(Rational.of(e.numerator())).map(Num::of)
                        .orElseGet(() -> tooLarge(approximate));
            }
        }
        return approximately(approximate);
    }

    Num root(Num index) {
        return pow(Num.of(Rational.of(1)).dividedBy(index));
    }

    private Num exactly(Num other, BiFunction<Rational, Rational, Optional<Rational>> operation, double approximate) {
        if (!isExact() || !other.isExact()) {
            return approximately(approximate);
        }
        return operation.apply(exact, other.exact).map(Num::of).orElseGet(() -> tooLarge(approximate));
    }

    /**
     * A result too large to keep exact. Its double means something only when it neither overflowed nor underflowed:
     * 1/3^{10000} is not 0, so then it is NaN, equal to nothing.
     */
    private static Num tooLarge(double approximate) {
        return approximately(Double.isFinite(approximate) && approximate != 0 ? approximate : Double.NaN);
    }
}
