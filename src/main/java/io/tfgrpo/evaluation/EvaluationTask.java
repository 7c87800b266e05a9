package io.tfgrpo.evaluation;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;

/** Evaluations run on the job engine like training jobs: one instance at a time, revived when it dies. */
@Configuration(proxyBeanMethods = false)
class EvaluationTask {

    @Bean
    CustomTask<Void> evaluationRunTask(EvaluationRunner runner) {
        // an evaluation stopped by a shutdown is handed back at once, to whichever instance is still running (or
        // to this one's next start), and asks only for the answers not yet stored; a failure (the database is
        // down) is retried a second later
        return Tasks.custom("evaluation", Void.class)
                .onFailure(new FailureHandler.OnFailureRetryLater<>(Duration.ofSeconds(1)))
                .execute((instance, context) -> switch (runner.run(UUID.fromString(instance.getId()),
                        () -> context.getSchedulerState().isShuttingDown())) {
                    case ENDED -> new CompletionHandler.OnCompleteRemove<>();
                    case STOPPED -> (complete, operations) -> operations.reschedule(complete, Instant.now());
                });
    }
}
