package io.tfgrpo.evaluation;

import org.springframework.http.HttpStatus;

import io.tfgrpo.shared.ApiProblem;

/** 409: the evaluation given as evidence does not show the version beating the baseline; the figures say how. */
final class PromotionRefused extends ApiProblem {

    private PromotionRefused(EvaluationView evaluation, int version, String detail) {
        super(HttpStatus.CONFLICT, "promotion-refused", "Promotion refused", detail);
        with("evaluationId", evaluation.id());
        with("version", version);
    }

    static PromotionRefused because(EvaluationView evaluation, int version, String reason) {
        return new PromotionRefused(evaluation, version, "Evaluation " + evaluation.id()
                + " cannot support promoting version " + version + ": " + reason);
    }

    static PromotionRefused notBetter(EvaluationView evaluation, int version, EvaluationView.Comparison c) {
        PromotionRefused refused = new PromotionRefused(evaluation, version, String.format(java.util.Locale.ROOT,
                "In evaluation %s, version %d vs %s: difference %+.3f, 95%% interval [%+.3f, %+.3f] over %d problems; "
                        + "its lower bound is not above 0", evaluation.id(), version, c.baseline(), c.difference(),
                c.lower(), c.upper(), c.problems()));
        refused.with("baseline", c.baseline());
        refused.with("difference", c.difference());
        refused.with("lower", c.lower());
        refused.with("upper", c.upper());
        return refused;
    }
}
