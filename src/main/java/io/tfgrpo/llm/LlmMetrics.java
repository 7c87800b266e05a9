package io.tfgrpo.llm;

import java.time.Duration;

import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** Micrometer meters per profile and purpose: calls by outcome, tokens, latency, retries, parse failures. */
@Component
class LlmMetrics {

    private final MeterRegistry registry;

    LlmMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void call(String profile, Purpose purpose, CallLedger.Outcome outcome, Duration latency, int promptTokens,
            int completionTokens) {
        Counter.builder("tfgrpo.llm.calls").description("Model calls by outcome")
                .tags("profile", profile, "purpose", tag(purpose), "outcome", outcome.name().toLowerCase())
                .register(registry).increment();
        Timer.builder("tfgrpo.llm.latency").description("Model call latency over all attempts")
                .tags("profile", profile, "purpose", tag(purpose)).register(registry).record(latency);
        tokens(profile, purpose, "prompt", promptTokens);
        tokens(profile, purpose, "completion", completionTokens);
    }

    void retry(String profile, Purpose purpose) {
        Counter.builder("tfgrpo.llm.retries").description("Attempts after the first")
                .tags("profile", profile, "purpose", tag(purpose)).register(registry).increment();
    }

    void parseFailure(String profile, Purpose purpose, boolean repaired) {
        Counter.builder("tfgrpo.llm.parse.failures").description("Answers that were not the JSON asked for")
                .tags("profile", profile, "purpose", tag(purpose), "repaired", Boolean.toString(repaired))
                .register(registry).increment();
    }

    private void tokens(String profile, Purpose purpose, String kind, int count) {
        if (count > 0) {
            Counter.builder("tfgrpo.llm.tokens").description("Tokens used")
                    .tags("profile", profile, "purpose", tag(purpose), "kind", kind).register(registry)
                    .increment(count);
        }
    }

    private static String tag(Purpose purpose) {
        return purpose.name().toLowerCase();
    }
}
