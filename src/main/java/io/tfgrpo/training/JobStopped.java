package io.tfgrpo.training;

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

    JobStore.Status status() {
        return status;
    }

    String code() {
        return code;
    }
}
