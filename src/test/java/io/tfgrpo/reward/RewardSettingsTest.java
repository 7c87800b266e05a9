package io.tfgrpo.reward;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

class RewardSettingsTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(RewardSettings.class)
    static class Settings {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Settings.class);

    @Test
    void aVerificationHasTwoHundredMillisecondsByDefault() {
        runner.run(context -> assertThat(context.getBean(RewardSettings.class).verificationBudget())
                .isEqualTo(MathAnswers.DEFAULT_BUDGET).hasMillis(200));
    }

    @Test
    void aVerificationBudgetOfNothingStopsStartUp() {
        runner.withPropertyValues("tfgrpo.reward.verification-budget=0s").run(context -> assertThat(context)
                .hasFailed().getFailure().rootCause().hasMessageContaining("verificationBudget"));
    }
}
