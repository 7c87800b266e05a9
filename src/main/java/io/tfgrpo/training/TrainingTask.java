package io.tfgrpo.training;

import java.time.Duration;
import java.util.UUID;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;

/**
 * The job engine's task: one execution per training job (the instance id is the job id). db-scheduler lets one
 * instance run it at a time, keeps its heartbeat, and revives it on another instance when this one dies.
 */
@Configuration(proxyBeanMethods = false)
class TrainingTask {

    static final String NAME = "training-job";

    /** The runner is looked up when a job runs: it needs the scheduler's clients, which need this task. */
    @Bean
    OneTimeTask<Void> trainingJobTask(ObjectProvider<JobRunner> runner) {
        // a worker that stops mid-job (shutdown) fails the execution; it is retried at once, by whichever
        // instance is still running, from the job's first uncommitted step
        return Tasks.oneTime(NAME).onFailure(new FailureHandler.OnFailureRetryLater<>(Duration.ofSeconds(1)))
                .execute((instance, context) -> runner.getObject().run(UUID.fromString(instance.getId()),
                        context.getExecution().pickedBy, () -> context.getSchedulerState().isShuttingDown()));
    }
}
