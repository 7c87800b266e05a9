package io.tfgrpo.evaluation;

import java.util.Map;

/** One problem of an evaluation: its answers under each version. */
record ProblemResult(int item, String id, String problem, String answer, Map<String, Outcome> versions) {

    /** The problem's answers under one version. */
    public record Outcome(int samples, int correct, double meanReward) {
    }
}
