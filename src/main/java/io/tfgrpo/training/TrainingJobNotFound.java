package io.tfgrpo.training;

import java.util.UUID;

import org.springframework.http.HttpStatus;

import io.tfgrpo.shared.ApiProblem;
import io.tfgrpo.shared.ErrorResponses.Samples;

final class TrainingJobNotFound extends ApiProblem {

    private TrainingJobNotFound(UUID id) {
        super(HttpStatus.NOT_FOUND, "training-job-not-found", "Training job not found", "No training job has id " + id);
        with("jobId", id);
    }

    public static TrainingJobNotFound withId(UUID id) {
        return new TrainingJobNotFound(id);
    }

    /** For the API description. */
    static TrainingJobNotFound example() {
        return withId(UUID.fromString(Samples.ID));
    }
}
