package io.tfgrpo.llm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.tfgrpo.HttpTest;

/** A profile on Ollama's native API, and the temperature-0 response cache, over real HTTP against WireMock. */
class OllamaProfileAndCacheTest extends HttpTest {

    static final WireMockServer ollama = new WireMockServer(options().dynamicPort());

    static {
        ollama.start();
    }

    @DynamicPropertySource
    static void profile(DynamicPropertyRegistry registry) {
        registry.add("tfgrpo.models.local.provider", () -> "ollama");
        registry.add("tfgrpo.models.local.base-url", ollama::baseUrl);
        registry.add("tfgrpo.models.local.model", () -> "qwen2.5:1.5b-instruct");
        registry.add("tfgrpo.llm.cache-enabled", () -> "true");
    }

    @AfterAll
    static void stop() {
        ollama.stop();
    }

    @Autowired
    LlmGateway gateway;

    final String owner = "ollama-" + UUID.randomUUID();

    @BeforeEach
    void reset() {
        ollama.resetAll();
    }

    record Tip(@NotBlank String tip) {
    }

    @Test
    void callsOllamasChatApiWithItsUsageAndASchemaFormat() {
        ollama.stubFor(post("/api/chat").willReturn(answer("{\"tip\": \"check the units\"}")));

        Structured<Tip> tip = gateway.structured(call(0.7), Tip.class);

        assertThat(tip.value().tip()).isEqualTo("check the units");
        assertThat(tip.calls().getFirst().promptTokens()).isEqualTo(9);
        assertThat(tip.calls().getFirst().completionTokens()).isEqualTo(4);
        ollama.verify(postRequestedFor(urlEqualTo("/api/chat"))
                .withRequestBody(matchingJsonPath("$.model", equalTo("qwen2.5:1.5b-instruct")))
                .withRequestBody(matchingJsonPath("$.format.properties.tip.type", equalTo("string")))
                .withRequestBody(matchingJsonPath("$.options.temperature", equalTo("0.7"))));
    }

    @Test
    void identicalTemperatureZeroCallsAreAnsweredFromTheCache() {
        ollama.stubFor(post("/api/chat").willReturn(answer("a deterministic answer")));

        ChatReply first = gateway.chat(call(0.0));
        ChatReply second = gateway.chat(call(0.0));
        ChatReply warm = gateway.chat(call(0.5));

        assertThat(second.content()).isEqualTo(first.content());
        assertThat(second.cached()).isTrue();
        assertThat(warm.cached()).isFalse();
        assertThat(ollama.getAllServeEvents()).hasSize(2);
        assertThat(jdbc.queryForList("select outcome from llm_call where owner = ? order by id", String.class, owner))
                .containsExactly("OK", "CACHED", "OK");
    }

    @Test
    void callsThatDifferOnlyInTheirStopSequencesAreNotAnsweredFromOneEntry() {
        ollama.stubFor(post("/api/chat").willReturn(answer("one, two, three")));

        ChatReply untilThree = gateway.chat(call(0.0).withStop(List.of("three")));
        ChatReply untilTwo = gateway.chat(call(0.0).withStop(List.of("two")));
        ChatReply untilTwoAgain = gateway.chat(call(0.0).withStop(List.of("two")));

        assertThat(untilThree.cached()).isFalse();
        assertThat(untilTwo.cached()).as("another stop sequence is another call").isFalse();
        assertThat(untilTwoAgain.cached()).isTrue();
        assertThat(ollama.getAllServeEvents()).hasSize(2);
        ollama.verify(postRequestedFor(urlEqualTo("/api/chat"))
                .withRequestBody(matchingJsonPath("$.options.stop[0]", equalTo("two"))));
    }

    @Test
    void anAnswerCutOffAtTheTokenLimitSaysSo() {
        ollama.stubFor(post("/api/chat").willReturn(answer("a complete answer")));
        assertThat(gateway.chat(call(0.5)).truncated()).isFalse();

        ollama.stubFor(post("/api/chat").willReturn(answer("an answer cut off in the mid", "length")));
        ChatReply cut = gateway.chat(call(0.5));

        assertThat(cut.finishReason()).isEqualTo("length");
        assertThat(cut.truncated()).isTrue();
    }

    private ChatCall call(double temperature) {
        return ChatCall.of("local", Purpose.SUMMARY, List.of(ChatMessage.user("Give one tip."))).ownedBy(owner)
                .withTemperature(temperature);
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder answer(String content) {
        return answer(content, "stop");
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder answer(String content,
            String doneReason) {
        String escaped = content.replace("\"", "\\\"");
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("""
                {"model": "qwen2.5:1.5b-instruct", "created_at": "2026-11-25T10:00:00Z",
                 "message": {"role": "assistant", "content": "%s"}, "done": true, "done_reason": "%s",
                 "total_duration": 1000, "load_duration": 10, "prompt_eval_count": 9, "prompt_eval_duration": 10,
                 "eval_count": 4, "eval_duration": 10}""".formatted(escaped, doneReason));
    }
}
