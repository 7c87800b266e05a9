package io.tfgrpo.training;

import java.math.BigDecimal;
import java.time.Duration;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Training jobs.
 *
 * @param maxExperienceWords the word limit asked of the distillation prompts (the library enforces its own)
 * @param validationTimeout how long a job waits for its validation evaluation, from when it queued it, before it
 *        cancels it and fails (VALIDATION_TIMEOUT) without promoting
 * @param validationCheckInterval how often a job waiting for its validation evaluation looks at it again (the
 *        job holds no engine thread in between)
 * @param defaultMaxCostUsd the cost limit of a job whose request sets none; 0: no limit
 * @param defaultMaxTokens the token limit of a job whose request sets none; 0: no limit
 * @param maxFailedShare a step whose distillation failed for more than this share of its learnable groups and its
 *        batch update (each counted once, after the gateway's retries and repair attempt) fails the job
 *        ({@code DISTILLATION_FAILED}); up to it, failed groups are skipped and a failed batch update makes no version
 */
@ConfigurationProperties("tfgrpo.training")
@Validated
record TrainingSettings(
        @DefaultValue("32") @Min(1) @Max(1000) int maxExperienceWords,
        @DefaultValue("30m") @NotNull Duration validationTimeout,
        @DefaultValue("2s") @NotNull Duration validationCheckInterval,
        @DefaultValue("25") @NotNull @DecimalMin("0") BigDecimal defaultMaxCostUsd,
        @DefaultValue("20000000") @Min(0) long defaultMaxTokens,
        @DefaultValue("0.5") @DecimalMin("0") @DecimalMax("1") double maxFailedShare) {

    TrainingSettings {
        if (validationTimeout != null && (validationTimeout.isNegative() || validationTimeout.isZero())) {
            throw new IllegalArgumentException("tfgrpo.training.validation-timeout must be positive");
        }
        if (validationCheckInterval != null && validationCheckInterval.toMillis() < 50) {
            throw new IllegalArgumentException("tfgrpo.training.validation-check-interval must be at least 50ms");
        }
    }

    /** The limits a job gets: each one its request leaves out takes its default. */
    StartTrainingJob.Budget budget(StartTrainingJob.Budget requested) {
        BigDecimal cost = requested != null && requested.maxCostUsd() != null ? requested.maxCostUsd()
                : defaultMaxCostUsd.signum() > 0 ? defaultMaxCostUsd : null;
        Long tokens = requested != null && requested.maxTokens() != null ? requested.maxTokens()
                : defaultMaxTokens > 0 ? defaultMaxTokens : null;
        return cost == null && tokens == null ? null : new StartTrainingJob.Budget(cost, tokens);
    }
}
