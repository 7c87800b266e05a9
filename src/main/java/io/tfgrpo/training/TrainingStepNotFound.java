package io.tfgrpo.training;

import java.util.UUID;

import org.springframework.http.HttpStatus;

import io.tfgrpo.shared.ApiProblem;
import io.tfgrpo.shared.ErrorResponses.Samples;

/** 404: the job has not committed that step (yet, or it has fewer steps). */
final class TrainingStepNotFound extends ApiProblem {

    private TrainingStepNotFound(UUID id, int step, int committed) {
        super(HttpStatus.NOT_FOUND, "training-step-not-found", "Training step not found",
                "Training job " + id + " has no committed step " + step + " (steps count from 0; " + committed
                        + (committed == 1 ? " step is" : " steps are") + " committed)");
        with("jobId", id);
        with("step", step);
        with("completedSteps", committed);
    }

    static TrainingStepNotFound of(UUID id, int step, int committed) {
        return new TrainingStepNotFound(id, step, committed);
    }

    /** For the API description. */
    static TrainingStepNotFound example() {
        return of(UUID.fromString(Samples.ID), 7, 3);
    }
}
