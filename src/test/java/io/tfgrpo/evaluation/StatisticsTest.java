package io.tfgrpo.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class StatisticsTest {

    @ParameterizedTest(name = "n={0} c={1} k={2} -> {3}")
    @CsvSource({
            "5, 0, 1, 0.0",
            "5, 5, 1, 1.0",
            "5, 1, 1, 0.2",
            "5, 2, 2, 0.7",          // 1 - C(3,2)/C(5,2) = 1 - 3/10
            "10, 3, 5, 0.9166666667", // 1 - C(7,5)/C(10,5) = 1 - 21/252
            "4, 1, 4, 1.0",
            "4, 0, 4, 0.0",
            "32, 8, 1, 0.25" })
    void passAtKIsTheUnbiasedEstimator(int n, int c, int k, double expected) {
        assertThat(Statistics.passAtK(n, c, k)).isCloseTo(expected, within(1e-9));
    }

    /** The product form against exact binomials, for every n up to 64 (C(64, 32) alone is about 1.8e18). */
    @Test
    void passAtKMatchesExactBinomialsUpToSixtyFourSamples() {
        for (int n = 1; n <= 64; n++) {
            for (int c = 0; c <= n; c++) {
                for (int k = 1; k <= n; k++) {
                    double exact = 1 - new java.math.BigDecimal(binomial(n - c, k))
                            .divide(new java.math.BigDecimal(binomial(n, k)), java.math.MathContext.DECIMAL128)
                            .doubleValue();
                    assertThat(Statistics.passAtK(n, c, k)).as("n=%d c=%d k=%d", n, c, k).isCloseTo(exact, within(1e-12));
                }
            }
        }
    }

    /** Pass@1 is the fraction correct, exactly: a problem's Pass@1 and its mean reward print the same. */
    @Test
    void passAtOneIsTheFractionCorrectWithoutRounding() {
        for (int n = 1; n <= 64; n++) {
            for (int c = 0; c <= n; c++) {
                assertThat(Statistics.passAtK(n, c, 1)).as("n=%d c=%d", n, c).isEqualTo((double) c / n);
            }
        }
    }

    private static java.math.BigInteger binomial(int n, int k) {
        if (k > n) {
            return java.math.BigInteger.ZERO;
        }
        java.math.BigInteger result = java.math.BigInteger.ONE;
        for (int i = 0; i < k; i++) {
            result = result.multiply(java.math.BigInteger.valueOf(n - i)).divide(java.math.BigInteger.valueOf(i + 1));
        }
        return result;
    }

    @Test
    void theBootstrapIsReproducibleBySeed() {
        double[] differences = { 0.25, 0, 0.5, -0.25, 0.75, 0, 0.25, 0.5 };
        assertThat(Statistics.pairedBootstrap(differences, 2000, 0.95, 7))
                .isEqualTo(Statistics.pairedBootstrap(differences, 2000, 0.95, 7));
        Statistics.Interval interval = Statistics.pairedBootstrap(differences, 2000, 0.95, 7);
        assertThat(interval.estimate()).isCloseTo(0.25, within(1e-12));
        assertThat(interval.lower()).isLessThan(0.25);
        assertThat(interval.upper()).isGreaterThan(0.25);
    }

    /**
     * 400 simulated evaluations of 40 problems, k = 4, where the version is right with probability 0.6 and the
     * baseline with 0.45 (each problem with its own difficulty): the 95% interval holds the true difference of
     * 0.15 in about 95% of them.
     */
    @Test
    void theIntervalHoldsTheTrueDifferenceAtAboutTheNominalRate() {
        SplittableRandom random = new SplittableRandom(2026);
        int runs = 400;
        int covered = 0;
        for (int run = 0; run < runs; run++) {
            double[] differences = new double[40];
            for (int i = 0; i < differences.length; i++) {
                double shift = random.nextDouble(-0.3, 0.3); // the problem's difficulty, shared by both
                differences[i] = correct(random, 0.6 + shift, 4) - correct(random, 0.45 + shift, 4);
            }
            double[] centred = differences; // the true mean difference is 0.15
            if (Statistics.pairedBootstrap(centred, 1000, 0.95, run).contains(0.15)) {
                covered++;
            }
        }
        assertThat(covered / (double) runs).isBetween(0.90, 0.985);
    }

    private static double correct(SplittableRandom random, double p, int k) {
        int c = 0;
        for (int i = 0; i < k; i++) {
            c += random.nextDouble() < p ? 1 : 0;
        }
        return c / (double) k;
    }
}
