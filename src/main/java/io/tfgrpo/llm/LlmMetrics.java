package io.tfgrpo.llm;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Micrometer meters per profile and purpose: calls by outcome, tokens, latency, retries, parse failures. The
 * meters of each profile and purpose are looked up once and kept: registering them on every call costs a tag sort
 * and a registry lookup per meter, on the path of every inference request.
 */
@Component
class LlmMetrics {

    private record Key(String profile, Purpose purpose) {
    }

    /** The meters of one profile and purpose. */
    private static final class Meters {

        final Map<CallLedger.Outcome, Counter> calls = new EnumMap<>(CallLedger.Outcome.class);
        final Timer latency;
        final Counter promptTokens;
        final Counter completionTokens;
        final Counter retries;

        Meters(MeterRegistry registry, String profile, Purpose purpose) {
            for (CallLedger.Outcome outcome : CallLedger.Outcome.values()) {
                calls.put(outcome, Counter.builder("tfgrpo.llm.calls").description("Model calls by outcome")
                        .tags("profile", profile, "purpose", tag(purpose), "outcome", outcome.name().toLowerCase())
                        .register(registry));
            }
            latency = Timer.builder("tfgrpo.llm.latency").description("Model call latency over all attempts")
                    .tags("profile", profile, "purpose", tag(purpose)).register(registry);
            promptTokens = tokens(registry, profile, purpose, "prompt");
            completionTokens = tokens(registry, profile, purpose, "completion");
            retries = Counter.builder("tfgrpo.llm.retries").description("Attempts after the first")
                    .tags("profile", profile, "purpose", tag(purpose)).register(registry);
        }

        private static Counter tokens(MeterRegistry registry, String profile, Purpose purpose, String kind) {
            return Counter.builder("tfgrpo.llm.tokens").description("Tokens used")
                    .tags("profile", profile, "purpose", tag(purpose), "kind", kind).register(registry);
        }
    }

    private final MeterRegistry registry;
    private final Map<Key, Meters> meters = new ConcurrentHashMap<>();

    LlmMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void call(String profile, Purpose purpose, CallLedger.Outcome outcome, Duration latency, int promptTokens,
            int completionTokens) {
        Meters of = of(profile, purpose);
        of.calls.get(outcome).increment();
        of.latency.record(latency);
        if (promptTokens > 0) {
            of.promptTokens.increment(promptTokens);
        }
        if (completionTokens > 0) {
            of.completionTokens.increment(completionTokens);
        }
    }

    void retry(String profile, Purpose purpose) {
        of(profile, purpose).retries.increment();
    }

    void parseFailure(String profile, Purpose purpose, boolean repaired) {
        Counter.builder("tfgrpo.llm.parse.failures").description("Answers that were not the JSON asked for")
                .tags("profile", profile, "purpose", tag(purpose), "repaired", Boolean.toString(repaired))
                .register(registry).increment();
    }

    private Meters of(String profile, Purpose purpose) {
        return meters.computeIfAbsent(new Key(profile, purpose), key -> new Meters(registry, profile, purpose));
    }

    private static String tag(Purpose purpose) {
        return purpose.name().toLowerCase();
    }
}
