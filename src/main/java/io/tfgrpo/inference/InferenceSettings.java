package io.tfgrpo.inference;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Serving libraries. ({@code tfgrpo.inference.max-experiences} belongs to the library module: evaluation follows
 * it too.)
 *
 * @param defaultModel the profile a request uses when it names none
 * @param currentVersionTtl how long an instance trusts its cached "current version" of a library: a promotion
 * reaches every instance within this time
 * @param cachedVersions how many rendered versions are kept in memory (versions never change, so they never go stale)
 * @param maxN the most choices ({@code n}) a {@code /v1} request is forwarded with; more is lowered to this
 * @param maxMaxTokens the most completion tokens ({@code max_tokens}, {@code max_completion_tokens}, the native
 * {@code maxTokens}) a request may ask for; more is lowered to this
 */
@ConfigurationProperties("tfgrpo.inference")
@Validated
record InferenceSettings(
        @DefaultValue("default") @NotBlank String defaultModel,
        @DefaultValue("2s") @NotNull Duration currentVersionTtl,
        @DefaultValue("1000") @Min(1) int cachedVersions,
        @DefaultValue("8") @Min(1) @Max(128) int maxN,
        @DefaultValue("16384") @Min(1) int maxMaxTokens) {

    /** The completion tokens a request asked for, at most {@link #maxMaxTokens}; none asked: none. */
    Integer maxTokens(Integer requested) {
        return requested == null ? null : Math.min(requested, maxMaxTokens);
    }
}
