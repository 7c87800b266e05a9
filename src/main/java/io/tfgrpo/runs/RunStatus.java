package io.tfgrpo.runs;

/** Where a run is: {@code QUEUED → RUNNING → SUCCEEDED | FAILED | CANCELLED}. */
public enum RunStatus {
    QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED;

    public boolean finished() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
}
