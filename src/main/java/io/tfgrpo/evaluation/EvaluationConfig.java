package io.tfgrpo.evaluation;

import java.util.Collections;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonFormat;

import io.tfgrpo.reward.VerifierSpec;

/**
 * An evaluation's settings with defaults resolved and `current` replaced by the version it meant at submission:
 * {@code samples} answers per problem, and the k of each Pass@k reported (each at most {@code samples});
 * {@code rolloutPrompt} null: the service's rollout prompt.
 */
record EvaluationConfig(UUID datasetId, String library, List<String> versions, String model, Integer samples,
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<Integer> k, double temperature,
        VerifierSpec verifier, long seed, StartEvaluation.Budget budget, String rolloutPrompt) {

    EvaluationConfig {
        // a run stored before samples were separate from k has one k, which was also its samples
        samples = samples != null ? samples : Collections.max(k);
        k = List.copyOf(k);
    }

    /** The label results are compared against: `none` when evaluated, else the first version. */
    String baseline() {
        return versions.contains("none") ? "none" : versions.getFirst();
    }
}
