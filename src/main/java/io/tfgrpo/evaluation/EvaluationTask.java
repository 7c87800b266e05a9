package io.tfgrpo.evaluation;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.github.kagkarlsson.scheduler.task.helper.CustomTask;

import io.tfgrpo.runs.RunTasks;

/** Evaluations run on the job engine like training jobs (see {@link RunTasks}). */
@Configuration(proxyBeanMethods = false)
class EvaluationTask {

    @Bean
    CustomTask<Void> evaluationRunTask(EvaluationRunner runner) {
        return RunTasks.task("evaluation", runner::run);
    }
}
