package io.tfgrpo.runs;

/** Ends a running run early and says why: cancelled, over its budget, or failed for a stated reason. */
public final class RunEnded extends RuntimeException {

    private final RunStatus status;
    private final String code;

    private RunEnded(RunStatus status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public static RunEnded cancelled() {
        return new RunEnded(RunStatus.CANCELLED, "CANCELLED", "Cancelled on request");
    }

    public static RunEnded overBudget(String what) {
        return new RunEnded(RunStatus.FAILED, "BUDGET_EXCEEDED", what);
    }

    public static RunEnded failed(String code, String message) {
        return new RunEnded(RunStatus.FAILED, code, message);
    }

    public RunStatus status() {
        return status;
    }

    public String code() {
        return code;
    }
}
