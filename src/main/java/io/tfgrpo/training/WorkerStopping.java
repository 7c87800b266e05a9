package io.tfgrpo.training;

/**
 * This instance is shutting down (or its worker thread was interrupted): the job is left RUNNING, its stored
 * results kept, and the task's execution is handed back so that db-scheduler gives it to an instance that goes on
 * (see {@link JobRunner.Outcome#STOPPED}).
 */
final class WorkerStopping extends RuntimeException {

    WorkerStopping() {
        super("The worker is stopping; the job will resume on a running instance");
    }
}
