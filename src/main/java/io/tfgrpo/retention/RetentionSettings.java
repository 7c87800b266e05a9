package io.tfgrpo.retention;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How long stored records are kept. An age of 0 keeps those records forever.
 *
 * @param llmCalls ledger rows of model calls made for training, evaluation and judging
 * @param servedAnswers ledger rows of the answers served by inference ({@code /api/inference}, {@code /v1})
 * @param rollouts the answers of finished training jobs, with their rewards and summaries
 * @param batchSize rows deleted per statement, so that no run holds long locks
 * @param interval how often the clean-up runs (on one instance at a time)
 */
@ConfigurationProperties("tfgrpo.retention")
@Validated
record RetentionSettings(
        @DefaultValue("90d") Duration llmCalls,
        @DefaultValue("30d") Duration servedAnswers,
        @DefaultValue("180d") Duration rollouts,
        @DefaultValue("10000") @Min(1) @Max(1_000_000) int batchSize,
        @DefaultValue("1h") @NotNull Duration interval) {

    static boolean keepsForever(Duration age) {
        return age == null || age.isZero() || age.isNegative();
    }
}
