package io.tfgrpo.evaluation;

import java.util.UUID;

import org.springframework.http.HttpStatus;

import io.tfgrpo.shared.ApiProblem;
import io.tfgrpo.shared.ErrorResponses.Samples;

/** 409: the evaluation has finished (SUCCEEDED, FAILED or CANCELLED), so there is nothing left to cancel. */
final class EvaluationFinished extends ApiProblem {

    private EvaluationFinished(UUID id, String status) {
        super(HttpStatus.CONFLICT, "evaluation-finished", "Evaluation finished",
                "Evaluation " + id + " has finished (" + status + "); there is nothing to cancel");
        with("evaluationId", id);
        with("evaluationStatus", status);
    }

    static EvaluationFinished cannotCancel(UUID id, String status) {
        return new EvaluationFinished(id, status);
    }

    /** For the API description. */
    static EvaluationFinished example() {
        return cannotCancel(UUID.fromString(Samples.ID), "SUCCEEDED");
    }
}
