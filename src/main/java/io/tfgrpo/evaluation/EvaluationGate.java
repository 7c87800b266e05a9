package io.tfgrpo.evaluation;

import java.util.UUID;

import org.springframework.stereotype.Component;

import io.tfgrpo.library.PromotionGate;

/** Promotion on evidence: the evaluation must be finished, of this library, and show the version beating its baseline. */
@Component
class EvaluationGate implements PromotionGate {

    private final Evaluations evaluations;

    EvaluationGate(Evaluations evaluations) {
        this.evaluations = evaluations;
    }

    @Override
    public void allow(String library, int version, String evidence) {
        EvaluationView evaluation = evaluations.get(UUID.fromString(evidence));
        if (!evaluation.library().equals(library)) {
            throw PromotionRefused.because(evaluation, version, "it evaluated library '" + evaluation.library() + "'");
        }
        if (!evaluation.status().equals("SUCCEEDED")) {
            throw PromotionRefused.because(evaluation, version, "it is " + evaluation.status());
        }
        EvaluationView.Comparison comparison = evaluation.comparisons().stream()
                .filter(c -> c.version().equals(Integer.toString(version))).findFirst()
                .orElseThrow(() -> PromotionRefused.because(evaluation, version, "it did not compare version " + version
                        + " with a baseline"));
        if (comparison.lower() <= 0) {
            throw PromotionRefused.notBetter(evaluation, version, comparison);
        }
    }
}
