package io.tfgrpo.training;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;

/**
 * The job engine's task: one execution per training job (the instance id is the job id). db-scheduler lets one
 * instance run it at a time, keeps its heartbeat, and revives it on another instance when this one dies. A job
 * waiting for its validation evaluation gives its thread back: the execution ends and is rescheduled, since that
 * evaluation needs a thread of the same engine.
 */
@Configuration(proxyBeanMethods = false)
class TrainingTask {

    static final String NAME = "training-job";

    /** The runner is looked up when a job runs: it needs the scheduler's clients, which need this task. */
    @Bean
    CustomTask<Void> trainingJobTask(ObjectProvider<JobRunner> runner, TrainingSettings settings) {
        // a worker that stops mid-job (shutdown) hands the execution back at once, to whichever instance is still
        // running (or to this one's next start), from the job's first uncommitted step; a failure (the database
        // is down) is retried a second later
        return Tasks.custom(NAME, Void.class).onFailure(new FailureHandler.OnFailureRetryLater<>(Duration.ofSeconds(1)))
                .execute((instance, context) -> switch (runner.getObject().run(UUID.fromString(instance.getId()),
                        context.getExecution().pickedBy, () -> context.getSchedulerState().isShuttingDown())) {
                    case ENDED -> new CompletionHandler.OnCompleteRemove<>();
                    case AWAITING_VALIDATION -> (complete, operations) -> operations.reschedule(complete,
                            Instant.now().plus(settings.validationCheckInterval()));
                    case STOPPED -> (complete, operations) -> operations.reschedule(complete, Instant.now());
                });
    }
}
