package io.tfgrpo.dataset;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Dataset uploads.
 *
 * @param maxUploadSize largest accepted upload; a larger one is refused with 413
 * @param insertBatchSize items written to the database per JDBC batch
 * @param maxReportedErrors at most this many errors are reported for a rejected upload
 */
@ConfigurationProperties("tfgrpo.datasets")
@Validated
record DatasetSettings(
        @DefaultValue("20MB") DataSize maxUploadSize,
        @DefaultValue("1000") @Min(1) @Max(10_000) int insertBatchSize,
        @DefaultValue("20") @Min(1) @Max(1000) int maxReportedErrors) {
}
