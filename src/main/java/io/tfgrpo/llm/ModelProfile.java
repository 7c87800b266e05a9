package io.tfgrpo.llm;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * One configured model: where it is, what it costs and how hard it may be called. The API key comes from the
 * environment and is never stored, returned or logged (see {@link #toString()}).
 *
 * @param provider {@code openai} (any OpenAI-compatible server) or {@code ollama} (Ollama's native API)
 * @param baseUrl for {@code openai} including {@code /v1}, as in {@code OPENAI_BASE_URL}
 * @param model the model name the server knows
 * @param apiKey the key, if the server needs one
 * @param temperature default temperature when a call does not set one
 * @param maxTokens default completion limit when a call does not set one
 * @param maxConcurrency calls in flight at once
 * @param requestsPerMinute calls started per minute, if limited
 * @param timeout one attempt's time limit, for every purpose without its own in {@code timeouts}
 * @param inputPricePerMillion USD per million prompt tokens
 * @param outputPricePerMillion USD per million completion tokens
 * @param jsonMode how JSON output is requested
 * @param synthetic true when the model is the LLM simulator, so that answers are labelled synthetic
 * @param timeouts one attempt's time limit per purpose ({@code rollout}, {@code summary}, {@code advantage},
 * {@code update}, {@code judge}, {@code inference}, {@code evaluation}), where it differs from {@code timeout}:
 * a reasoning model may think for minutes before a rollout's {@code \boxed{}} and answer a summary in seconds
 */
public record ModelProfile(
        @NotNull Provider provider,
        @NotNull URI baseUrl,
        @NotBlank String model,
        String apiKey,
        @DecimalMin("0") @DecimalMax("2") Double temperature,
        @Min(1) Integer maxTokens,
        @DefaultValue("8") @Min(1) @Max(1024) int maxConcurrency,
        @Min(1) Integer requestsPerMinute,
        @DefaultValue("120s") @NotNull @DurationMin(millis = 1) Duration timeout,
        @DecimalMin("0") BigDecimal inputPricePerMillion,
        @DecimalMin("0") BigDecimal outputPricePerMillion,
        @DefaultValue("schema") @NotNull JsonMode jsonMode,
        @DefaultValue("false") boolean synthetic,
        @DefaultValue Map<Purpose, @NotNull @DurationMin(millis = 1) Duration> timeouts) {

    public ModelProfile {
        timeouts = timeouts == null ? Map.of() : Map.copyOf(timeouts);
    }

    /** One attempt's time limit for calls of that purpose. */
    public Duration timeout(Purpose purpose) {
        return timeouts.getOrDefault(purpose, timeout);
    }

    /** The longest time limit of any purpose: how long a pooled connection may wait for an answer. */
    Duration longestTimeout() {
        return timeouts.values().stream().reduce(timeout, (a, b) -> a.compareTo(b) >= 0 ? a : b);
    }

    boolean hasApiKey() {
        return apiKey != null && !apiKey.isBlank();
    }

    /** The base URL as logs and the API show it: without the credentials of its user info, query or fragment. */
    String shownBaseUrl() {
        String authority = baseUrl.getRawAuthority();
        return (baseUrl.getScheme() == null ? "" : baseUrl.getScheme() + ":")
                + (authority == null ? "" : "//" + authority.substring(authority.lastIndexOf('@') + 1))
                + (baseUrl.getRawPath() == null ? "" : baseUrl.getRawPath());
    }

    @Override
    public String toString() {
        return "ModelProfile[provider=" + provider + ", baseUrl=" + shownBaseUrl() + ", model=" + model + ", apiKey="
                + (hasApiKey() ? "(set)" : "(none)") + ", maxConcurrency=" + maxConcurrency + ", timeout=" + timeout
                + (timeouts.isEmpty() ? "" : ", timeouts=" + timeouts) + "]";
    }
}
