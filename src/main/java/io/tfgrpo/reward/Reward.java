package io.tfgrpo.reward;

/**
 * A verifier's verdict.
 *
 * @param value           in [0, 1]
 * @param extractedAnswer the answer the verifier read from the response, null when it found none
 * @param reason          a short human-readable why, shown next to the rollout
 */
public record Reward(double value, String extractedAnswer, String reason) {

    public Reward {
        // NaN fails both comparisons, so it is rejected too
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException("a reward lies in [0, 1], not " + value);
        }
    }

    static Reward pass(String extractedAnswer, String reason) {
        return new Reward(1, extractedAnswer, reason);
    }

    static Reward fail(String extractedAnswer, String reason) {
        return new Reward(0, extractedAnswer, reason);
    }
}
