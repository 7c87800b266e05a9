package io.tfgrpo.evaluation;

import java.time.Duration;
import java.util.UUID;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;

/** Evaluations run on the job engine like training jobs: one instance at a time, revived when it dies. */
@Configuration(proxyBeanMethods = false)
class EvaluationTask {

    @Bean
    OneTimeTask<Void> evaluationRunTask(EvaluationRunner runner) {
        return Tasks.oneTime("evaluation").onFailure(new FailureHandler.OnFailureRetryLater<>(Duration.ofSeconds(1)))
                .execute((instance, context) -> runner.run(UUID.fromString(instance.getId())));
    }
}
