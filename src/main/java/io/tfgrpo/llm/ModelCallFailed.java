package io.tfgrpo.llm;

import java.util.OptionalInt;

import org.springframework.http.HttpStatus;

import io.tfgrpo.shared.ApiProblem;

/** A model call that failed for good: not retryable, or still failing after the configured attempts. */
public final class ModelCallFailed extends ApiProblem {

    private final boolean retryable;
    private final Integer status;

    ModelCallFailed(String profile, Purpose purpose, int attempts, String cause, boolean retryable) {
        this(profile, purpose, attempts, cause, retryable, null);
    }

    ModelCallFailed(String profile, Purpose purpose, int attempts, String cause, boolean retryable, Integer status) {
        super(HttpStatus.BAD_GATEWAY, "model-call-failed", "Model call failed",
                "Model profile '" + profile + "' failed the " + purpose.name().toLowerCase() + " call after "
                        + attempts + (attempts == 1 ? " attempt: " : " attempts: ") + cause);
        this.retryable = retryable;
        this.status = status;
        with("profile", profile);
        with("attempts", attempts);
    }

    /** Whether the last failure was of a kind that may pass (rate limit, server error, timeout). */
    public boolean retryable() {
        return retryable;
    }

    /** The model server's HTTP status of the last attempt, when it answered with one (401, 404, 503...). */
    public OptionalInt upstreamStatus() {
        return status == null ? OptionalInt.empty() : OptionalInt.of(status);
    }

    /** For the API description. */
    static ModelCallFailed example() {
        return new ModelCallFailed("default", Purpose.INFERENCE, 3, "HTTP 503 from the model server", true);
    }
}
