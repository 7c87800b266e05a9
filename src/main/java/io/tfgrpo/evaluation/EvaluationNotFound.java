package io.tfgrpo.evaluation;

import java.util.UUID;

import org.springframework.http.HttpStatus;

import io.tfgrpo.shared.ApiProblem;
import io.tfgrpo.shared.ErrorResponses.Samples;

final class EvaluationNotFound extends ApiProblem {

    private EvaluationNotFound(UUID id) {
        super(HttpStatus.NOT_FOUND, "evaluation-not-found", "Evaluation not found", "No evaluation has id " + id);
        with("evaluationId", id);
    }

    public static EvaluationNotFound withId(UUID id) {
        return new EvaluationNotFound(id);
    }

    /** For the API description. */
    static EvaluationNotFound example() {
        return withId(UUID.fromString(Samples.ID));
    }
}
