package io.tfgrpo.shared;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Progress streams (Server-Sent Events of jobs and evaluations). Each one holds a thread that polls the database,
 * so they are bounded.
 *
 * @param maxLifetime a stream ends after this long with an {@code expired} event (the client may reconnect)
 * @param maxPerKey streams one API key may hold open at once; one more is refused with 429
 * @param maxPerInstance streams this instance serves at once; one more is refused with 429
 * @param heartbeat a stream with no news sends a comment this often, which is how it notices a client that left
 * @param pollInterval how often a stream looks in the database for news (training jobs and evaluations alike)
 */
@ConfigurationProperties("tfgrpo.streams")
@Validated
record StreamSettings(
        @DefaultValue("30m") @NotNull Duration maxLifetime,
        @DefaultValue("8") @Min(1) int maxPerKey,
        @DefaultValue("100") @Min(1) int maxPerInstance,
        @DefaultValue("15s") @NotNull Duration heartbeat,
        @DefaultValue("300ms") @NotNull Duration pollInterval) {

    StreamSettings {
        if (pollInterval != null && pollInterval.toMillis() < 10) {
            throw new IllegalArgumentException("tfgrpo.streams.poll-interval must be at least 10ms");
        }
    }
}
