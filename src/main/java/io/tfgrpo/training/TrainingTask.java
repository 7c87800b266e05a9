package io.tfgrpo.training;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.github.kagkarlsson.scheduler.task.helper.CustomTask;

import io.tfgrpo.runs.RunTasks;

/**
 * The job engine's task: one execution per training job (see {@link RunTasks}). A job waiting for its validation
 * evaluation gives its thread back: the execution ends and is rescheduled, since that evaluation needs a thread of
 * the same engine.
 */
@Configuration(proxyBeanMethods = false)
class TrainingTask {

    static final String NAME = "training-job";

    /** The runner is looked up when a job runs: it needs the scheduler's clients, which need this task. */
    @Bean
    CustomTask<Void> trainingJobTask(ObjectProvider<JobRunner> runner) {
        return RunTasks.task(NAME, (id, owner, stopping) -> runner.getObject().run(id, owner, stopping));
    }
}
