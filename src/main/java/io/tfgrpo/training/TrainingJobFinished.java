package io.tfgrpo.training;

import java.util.UUID;

import io.tfgrpo.runs.RunFinished;
import io.tfgrpo.shared.ErrorResponses.Samples;

/** 409: the job has finished (SUCCEEDED, FAILED or CANCELLED), so there is nothing left to cancel. */
final class TrainingJobFinished extends RunFinished {

    private TrainingJobFinished(UUID id, String status) {
        super(JobStore.KIND, id, status);
    }

    static TrainingJobFinished cannotCancel(UUID id, String status) {
        return new TrainingJobFinished(id, status);
    }

    /** For the API description. */
    static TrainingJobFinished example() {
        return cannotCancel(UUID.fromString(Samples.ID), "SUCCEEDED");
    }
}
