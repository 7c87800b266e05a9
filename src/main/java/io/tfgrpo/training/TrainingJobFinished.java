package io.tfgrpo.training;

import java.util.UUID;

import org.springframework.http.HttpStatus;

import io.tfgrpo.shared.ApiProblem;
import io.tfgrpo.shared.ErrorResponses.Samples;

/** 409: the job has finished (SUCCEEDED, FAILED or CANCELLED), so there is nothing left to cancel. */
final class TrainingJobFinished extends ApiProblem {

    private TrainingJobFinished(UUID id, String status) {
        super(HttpStatus.CONFLICT, "training-job-finished", "Training job finished",
                "Training job " + id + " has finished (" + status + "); there is nothing to cancel");
        with("jobId", id);
        with("jobStatus", status);
    }

    static TrainingJobFinished cannotCancel(UUID id, String status) {
        return new TrainingJobFinished(id, status);
    }

    /** For the API description. */
    static TrainingJobFinished example() {
        return cannotCancel(UUID.fromString(Samples.ID), "SUCCEEDED");
    }
}
