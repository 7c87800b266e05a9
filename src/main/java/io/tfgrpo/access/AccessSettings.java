package io.tfgrpo.access;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Access to the API.
 *
 * @param bootstrapKey a key with every scope, from {@code TFGRPO_BOOTSTRAP_KEY}, to create the first keys with;
 * kept in memory as its hash only. Unset: only keys created through the API are accepted.
 * @param inferenceRequestsPerMinute the inference rate a key gets when it was created without one (0: unlimited);
 * each instance counts on its own
 * @param keyCacheTtl how long an instance trusts a key it has looked up: a key revoked on another instance stops
 * working here within this time (at once on the instance that revoked it)
 * @param maxConcurrentInference inference requests one instance serves at once (streams until they end); more
 * are refused at once with 503 and {@code Retry-After}, so an overload costs answers, never the heap
 * @param maxConcurrentInferencePerKey of those, how many one API key may hold at once; one more is refused with 429
 * and {@code Retry-After}, so one slow client cannot take every slot
 */
@ConfigurationProperties("tfgrpo.security")
@Validated
record AccessSettings(
        @Size(min = 24, message = "must be at least 24 characters long") String bootstrapKey,
        @DefaultValue("600") @Min(0) int inferenceRequestsPerMinute,
        @DefaultValue("5s") @NotNull Duration keyCacheTtl,
        @DefaultValue("512") @Min(1) int maxConcurrentInference,
        @DefaultValue("128") @Min(1) int maxConcurrentInferencePerKey) {

    AccessSettings {
        // TFGRPO_BOOTSTRAP_KEY unset reaches here as an empty string
        bootstrapKey = bootstrapKey == null || bootstrapKey.isBlank() ? null : bootstrapKey.strip();
    }
}
