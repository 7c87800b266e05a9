package io.tfgrpo.llm;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the gateway calls models.
 *
 * @param maxAttempts attempts per call, the first included, before it fails (429, 5xx, timeouts, I/O errors)
 * @param initialBackoff the wait before the second attempt; doubled each time, with full jitter
 * @param maxBackoff the longest wait between attempts, and the most of a {@code Retry-After} that is honoured
 * @param cacheEnabled reuse the answers of identical temperature-0 calls
 * @param cacheMaxEntries the cache's size
 */
@ConfigurationProperties("tfgrpo.llm")
@Validated
record LlmSettings(
        @DefaultValue("4") @Min(1) @Max(20) int maxAttempts,
        @DefaultValue("500ms") @NotNull Duration initialBackoff,
        @DefaultValue("30s") @NotNull Duration maxBackoff,
        @DefaultValue("false") boolean cacheEnabled,
        @DefaultValue("10000") @Min(1) int cacheMaxEntries) {
}
