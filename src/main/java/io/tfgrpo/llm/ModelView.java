package io.tfgrpo.llm;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;

/** A configured model profile as the API shows it: never its API key. */
record ModelView(
        @Schema(example = "default") String name,
        Provider provider,
        @Schema(description = "without credentials or query", example = "https://api.openai.com/v1") String baseUrl,
        @Schema(example = "gpt-4o-mini") String model,
        @Schema(description = "whether an API key is configured (the key itself is never shown)") boolean apiKeySet,
        Double temperature,
        Integer maxTokens,
        int maxConcurrency,
        Integer requestsPerMinute,
        @Schema(description = "one attempt's time limit") Duration timeout,
        @Schema(description = "time limits of calls of a purpose, where they differ from `timeout`")
        java.util.Map<Purpose, Duration> timeouts,
        BigDecimal inputPricePerMillion,
        BigDecimal outputPricePerMillion,
        JsonMode jsonMode,
        @Schema(description = "true when the model is the LLM simulator: its answers are synthetic") boolean synthetic,
        @Schema(description = "how its last call went since start-up; null if not called yet") LastCall lastCall) {

    public record LastCall(Instant at, boolean answered, String error) {
    }
}
