package io.tfgrpo.evaluation;

import java.util.UUID;

import org.springframework.http.HttpStatus;

import io.tfgrpo.shared.ApiProblem;

/** 409: the evaluation has finished (SUCCEEDED, FAILED or CANCELLED), so there is nothing left to cancel. */
final class EvaluationFinished extends ApiProblem {

    private EvaluationFinished(UUID id, String status) {
        super(HttpStatus.CONFLICT, "evaluation-finished", "Evaluation finished",
                "Evaluation " + id + " has finished (" + status + "); there is nothing to cancel");
        with("evaluationId", id);
        with("status", status);
    }

    static EvaluationFinished cannotCancel(UUID id, String status) {
        return new EvaluationFinished(id, status);
    }
}
