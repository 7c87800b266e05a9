package io.tfgrpo.reward;

/**
 * One answer to score.
 *
 * @param problem         the problem as the model saw it
 * @param referenceAnswer the correct answer, or in ground-truth-free mode the group's majority answer; may be null
 *                        for verifiers that do not need one (see {@link VerifierSpec#needsReferenceAnswer()})
 * @param response        the model's whole response; null or blank when the rollout produced nothing
 */
public record Attempt(String problem, String referenceAnswer, String response) {
}
