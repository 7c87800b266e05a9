package io.tfgrpo.evaluation;

import java.util.List;
import java.util.UUID;

import io.tfgrpo.reward.VerifierSpec;

/**
 * An evaluation's settings with defaults resolved and `current` replaced by the version it meant at submission;
 * {@code rolloutPrompt} null: the service's rollout prompt.
 */
record EvaluationConfig(UUID datasetId, String library, List<String> versions, String model, int k, double temperature,
        VerifierSpec verifier, long seed, StartEvaluation.Budget budget, String rolloutPrompt) {

    /** The label results are compared against: `none` when evaluated, else the first version. */
    String baseline() {
        return versions.contains("none") ? "none" : versions.getFirst();
    }
}
