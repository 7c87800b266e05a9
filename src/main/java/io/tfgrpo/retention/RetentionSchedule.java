package io.tfgrpo.retention;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;

/** The clean-up as a recurring db-scheduler task: whichever instance picks it runs it, the others do not. */
@Configuration(proxyBeanMethods = false)
class RetentionSchedule {

    @Bean
    RecurringTask<Void> retentionTask(Retention retention, RetentionSettings settings) {
        return Tasks.recurring("retention", FixedDelay.of(settings.interval()))
                .execute((instance, context) -> retention.run());
    }
}
