package io.tfgrpo.training;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

class TrainingSettingsTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(TrainingSettings.class)
    static class Settings {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Settings.class);

    @Test
    void halfOfAStepsDistillationMayFailByDefault() {
        runner.run(context -> assertThat(context.getBean(TrainingSettings.class).maxFailedShare()).isEqualTo(0.5));
    }

    @Test
    void theFailedShareIsAShare() {
        runner.withPropertyValues("tfgrpo.training.max-failed-share=1.5").run(context -> assertThat(context)
                .hasFailed().getFailure().rootCause().hasMessageContaining("maxFailedShare"));
        runner.withPropertyValues("tfgrpo.training.max-failed-share=-0.1").run(context -> assertThat(context)
                .hasFailed().getFailure().rootCause().hasMessageContaining("maxFailedShare"));
        runner.withPropertyValues("tfgrpo.training.max-failed-share=0").run(context -> assertThat(context)
                .hasNotFailed());
    }
}
