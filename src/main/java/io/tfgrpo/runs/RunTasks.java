package io.tfgrpo.runs;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;

/**
 * The job engine's task for a kind of run: one execution per run (the instance id is the run's id). db-scheduler
 * lets one instance run it at a time, keeps its heartbeat and revives it on another instance when this one dies.
 * A run handed back by a stopping instance is rescheduled at once; one that waits is looked at again later; a
 * failed execution (the database is down) is retried a second later.
 */
public final class RunTasks {

    /** What the task does with a run: {@code owner} names this worker, {@code stopping} tells of a shutdown. */
    @FunctionalInterface
    public interface Runner {
        RunOutcome run(UUID id, String owner, BooleanSupplier stopping);
    }

    private RunTasks() {
    }

    public static CustomTask<Void> task(String name, Runner runner) {
        return Tasks.custom(name, Void.class).onFailure(new FailureHandler.OnFailureRetryLater<>(Duration.ofSeconds(1)))
                .execute((instance, context) -> {
                    RunOutcome outcome = runner.run(UUID.fromString(instance.getId()), context.getExecution().pickedBy,
                            () -> context.getSchedulerState().isShuttingDown());
                    return switch (outcome.kind()) {
                        case ENDED -> new CompletionHandler.OnCompleteRemove<>();
                        case WAITING -> (complete, operations) -> operations.reschedule(complete,
                                Instant.now().plus(outcome.delay()));
                        case STOPPED -> (complete, operations) -> operations.reschedule(complete, Instant.now());
                    };
                });
    }
}
