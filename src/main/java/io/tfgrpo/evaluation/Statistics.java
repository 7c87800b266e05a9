package io.tfgrpo.evaluation;

import java.util.Arrays;
import java.util.SplittableRandom;

/** The metrics of METHOD.md: Mean@n, the unbiased Pass@k, and a bootstrap interval over problems. */
final class Statistics {

    /** A difference and its two-sided confidence interval. */
    record Interval(double estimate, double lower, double upper) {

        boolean contains(double value) {
            return lower <= value && value <= upper;
        }
    }

    private Statistics() {
    }

    /**
     * Pass@k from n samples of which c are correct: 1 - C(n-c, k) / C(n, k), computed as the product
     * 1 - prod_{i = n-c+1..n} (1 - k / i), which never forms a binomial (C(64, 32) alone is about 1.8e18).
     */
    static double passAtK(int n, int c, int k) {
        if (k < 1 || k > n || c < 0 || c > n) {
            throw new IllegalArgumentException("need 0 <= c <= n and 1 <= k <= n, got n=" + n + " c=" + c + " k=" + k);
        }
        if (n - c < k) {
            return 1.0;
        }
        if (k == 1) {
            return (double) c / n; // what the product telescopes to, without its rounding (0.45, not 0.4499999...)
        }
        double allWrong = 1.0;
        for (int i = n - c + 1; i <= n; i++) {
            allWrong *= 1.0 - (double) k / i;
        }
        return 1.0 - allWrong;
    }

    static double mean(double[] values) {
        return values.length == 0 ? 0 : Arrays.stream(values).average().orElse(0);
    }

    /**
     * The bootstrap of a mean over problems (of paired differences, or of one version's per-problem means): problems
     * are resampled with replacement (seeded, so the interval is reproducible), and the percentile interval of the
     * resampled means is returned.
     */
    static Interval pairedBootstrap(double[] differences, int resamples, double confidence, long seed) {
        int n = differences.length;
        if (n == 0) {
            return new Interval(0, 0, 0);
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] means = new double[resamples];
        for (int r = 0; r < resamples; r++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += differences[random.nextInt(n)];
            }
            means[r] = sum / n;
        }
        Arrays.sort(means);
        double tail = (1 - confidence) / 2;
        return new Interval(mean(differences), means[(int) Math.floor(tail * (resamples - 1))],
                means[(int) Math.ceil((1 - tail) * (resamples - 1))]);
    }
}
