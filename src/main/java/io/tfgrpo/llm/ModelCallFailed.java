package io.tfgrpo.llm;

import org.springframework.http.HttpStatus;

import io.tfgrpo.shared.ApiProblem;

/** A model call that failed for good: not retryable, or still failing after the configured attempts. */
public final class ModelCallFailed extends ApiProblem {

    private final boolean retryable;

    ModelCallFailed(String profile, Purpose purpose, int attempts, String cause, boolean retryable) {
        super(HttpStatus.BAD_GATEWAY, "model-call-failed", "Model call failed",
                "Model profile '" + profile + "' failed the " + purpose.name().toLowerCase() + " call after "
                        + attempts + (attempts == 1 ? " attempt: " : " attempts: ") + cause);
        this.retryable = retryable;
        with("profile", profile);
        with("attempts", attempts);
    }

    /** Whether the last failure was of a kind that may pass (rate limit, server error, timeout). */
    public boolean retryable() {
        return retryable;
    }

    /** For the API description. */
    static ModelCallFailed example() {
        return new ModelCallFailed("default", Purpose.INFERENCE, 3, "HTTP 503 from the model server", true);
    }
}
