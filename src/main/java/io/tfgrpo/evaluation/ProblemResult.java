package io.tfgrpo.evaluation;

import java.util.Map;

/** One problem of an evaluation: its answers under each version. */
record ProblemResult(int item, String id, String problem, String answer, Map<String, Outcome> versions) {

    /**
     * The problem's answers under one version: how many are stored, how many have reward 1, their mean reward, and
     * how many the verifier could not score (left out of {@code correct} and {@code meanReward}).
     */
    public record Outcome(int samples, int correct, double meanReward, int judgeFailed) {
    }
}
