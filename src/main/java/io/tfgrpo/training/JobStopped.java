package io.tfgrpo.training;

import java.util.Optional;

import io.tfgrpo.llm.ModelCallFailed;

/** Ends a running job early and says why: cancelled, over budget, or failed for a stated reason. */
final class JobStopped extends RuntimeException {

    private final JobStore.Status status;
    private final String code;

    JobStopped(JobStore.Status status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    static JobStopped cancelled() {
        return new JobStopped(JobStore.Status.CANCELLED, "CANCELLED", "Cancelled on request");
    }

    static JobStopped overBudget(String what) {
        return new JobStopped(JobStore.Status.FAILED, "BUDGET_EXCEEDED", what);
    }

    static JobStopped failed(String code, String message) {
        return new JobStopped(JobStore.Status.FAILED, code, message);
    }

    /**
     * What no retry mends, from a call that failed for good: the provider refused the profile's key (401, 403:
     * {@code MODEL_KEY_REFUSED}) or has no such model (404: {@code MODEL_NOT_FOUND}). Empty for anything else.
     */
    static Optional<JobStopped> unfixable(String profile, String model, ModelCallFailed failed) {
        int status = failed.upstreamStatus().orElse(0);
        if (status == 401 || status == 403) {
            return Optional.of(failed("MODEL_KEY_REFUSED", "The server of model profile '" + profile
                    + "' refused its API key (HTTP " + status + "); no retry can fix that: set the profile's api-key. "
                    + failed.getMessage()));
        }
        if (status == 404) {
            return Optional.of(failed("MODEL_NOT_FOUND", "The server of model profile '" + profile
                    + "' has no model '" + model + "' (HTTP 404); check the profile's model and base-url. "
                    + failed.getMessage()));
        }
        return Optional.empty();
    }

    JobStore.Status status() {
        return status;
    }

    String code() {
        return code;
    }
}
