package io.tfgrpo.training;

import java.util.UUID;

import org.springframework.http.HttpStatus;

import io.tfgrpo.shared.ApiProblem;
import io.tfgrpo.shared.ErrorResponses.Samples;

/** 422: an {@code Idempotency-Key} that started a job is sent again with a different request. */
final class IdempotencyKeyReused extends ApiProblem {

    private IdempotencyKeyReused(UUID job) {
        super(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused", "Idempotency key reused",
                "This Idempotency-Key started training job " + job + " with a different request; a retry must send "
                        + "the same request, and a new request needs a new key");
        with("jobId", job);
    }

    static IdempotencyKeyReused forJob(UUID job) {
        return new IdempotencyKeyReused(job);
    }

    /** For the API description. */
    static IdempotencyKeyReused example() {
        return forJob(UUID.fromString(Samples.ID));
    }
}
