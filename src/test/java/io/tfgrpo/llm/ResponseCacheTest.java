package io.tfgrpo.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The temperature-0 cache's key tells apart every two calls whose answers may differ. */
class ResponseCacheTest {

    final ResponseCache cache = new ResponseCache(new LlmSettings(4, Duration.ofMillis(500), Duration.ofSeconds(30), true, 10));
    final ModelProfile profile = profile("model-a", null);
    final ChatCall call = ChatCall.of("p", Purpose.INFERENCE, List.of(ChatMessage.user("Count to ten."))).withTemperature(0.0);

    @Test
    void everyOptionThatChangesTheAnswerChangesTheKey() {
        String key = cache.keyOf(call, profile, null);

        assertThat(key).isNotNull().isEqualTo(cache.keyOf(call, profile, null));
        assertThat(List.of(
                cache.keyOf(call.withStop(List.of("5")), profile, null),
                cache.keyOf(call.withStop(List.of("5", "6")), profile, null),
                cache.keyOf(call.withMaxTokens(5), profile, null),
                cache.keyOf(call.withSeed(1), profile, null),
                cache.keyOf(call, profile, "{\"type\":\"object\"}"),
                cache.keyOf(call, profile("model-b", null), null),
                cache.keyOf(call, profile("model-a", 7), null),
                cache.keyOf(ChatCall.of("q", Purpose.INFERENCE, call.messages()).withTemperature(0.0), profile, null)))
                .doesNotContainNull().doesNotHaveDuplicates().doesNotContain(key);
    }

    @Test
    void noMessageTextPassesForTheBoundaryBetweenMessages() {
        ChatCall two = ChatCall.of("p", Purpose.INFERENCE, List.of(ChatMessage.user("a"), ChatMessage.user("b")))
                .withTemperature(0.0);
        ChatCall forged = ChatCall.of("p", Purpose.INFERENCE, List.of(ChatMessage.user("a\u0000USER\u0001b")))
                .withTemperature(0.0);

        assertThat(cache.keyOf(forged, profile, null)).isNotEqualTo(cache.keyOf(two, profile, null));
    }

    @Test
    void onlyTemperatureZeroCallsHaveAKey() {
        assertThat(cache.keyOf(call.withTemperature(0.7), profile, null)).isNull();
        assertThat(cache.keyOf(call.withTemperature(null), profile, null)).isNull();
    }

    private static ModelProfile profile(String model, Integer maxTokens) {
        return new ModelProfile(Provider.OPENAI, URI.create("http://localhost:1/v1"), model, null, null, maxTokens, 8,
                null, Duration.ofSeconds(1), null, null, JsonMode.SCHEMA, false, java.util.Map.of());
    }
}
