package io.tfgrpo.runs;

/**
 * This instance is shutting down (or the worker thread was interrupted): the run is left RUNNING, what it stored
 * kept, and its execution is handed back so that db-scheduler gives it to an instance that goes on.
 */
public final class RunStopping extends RuntimeException {

    public RunStopping() {
        super("The worker is stopping; the run will resume on a running instance");
    }
}
