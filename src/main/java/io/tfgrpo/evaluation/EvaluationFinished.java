package io.tfgrpo.evaluation;

import java.util.UUID;

import io.tfgrpo.runs.RunFinished;
import io.tfgrpo.shared.ErrorResponses.Samples;

/** 409: the evaluation has finished (SUCCEEDED, FAILED or CANCELLED), so there is nothing left to cancel. */
final class EvaluationFinished extends RunFinished {

    private EvaluationFinished(UUID id, String status) {
        super(EvaluationStore.KIND, id, status);
    }

    static EvaluationFinished cannotCancel(UUID id, String status) {
        return new EvaluationFinished(id, status);
    }

    /** For the API description. */
    static EvaluationFinished example() {
        return cannotCancel(UUID.fromString(Samples.ID), "SUCCEEDED");
    }
}
