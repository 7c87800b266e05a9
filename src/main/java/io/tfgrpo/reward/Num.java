package io.tfgrpo.reward;

import java.util.Optional;

/**
 * A numeric answer: exact when it is rational, otherwise a double. Doubles come from irrational values (pi, roots
 * that are not exact) and from decimals too long to be anything but a printed double (see {@link Expression}).
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
        return isExact() && other.isExact() ? of(exact.plus(other.exact)) : approximately(approx + other.approx);
    }

    Num negate() {
        return isExact() ? of(exact.negate()) : approximately(-approx);
    }

    Num times(Num other) {
        return isExact() && other.isExact() ? of(exact.times(other.exact)) : approximately(approx * other.approx);
    }

    Num dividedBy(Num other) {
        if (other.isExact() ? other.exact.signum() == 0 : other.approx == 0) {
            throw new ArithmeticException("division by zero");
        }
        return isExact() && other.isExact() ? of(exact.dividedBy(other.exact)) : approximately(approx / other.approx);
    }

    /** Exact for integer powers and for perfect roots (8^(1/3) = 2); otherwise a double. */
    Num pow(Num exponent) {
        if (isExact() && exponent.isExact()) {
            Rational e = exponent.exact;
            Optional<Rational> result = e.denominator().bitLength() < 8
                    ? exact.root(e.denominator().intValue()).flatMap(root -> root.pow(Rational.of(e.numerator())))
                    : Optional.empty();
            if (result.isPresent()) {
                return of(result.get());
            }
        }
        return approximately(Math.pow(approx, exponent.approx));
    }

    Num root(Num index) {
        return pow(Num.of(Rational.of(1)).dividedBy(index));
    }
}
