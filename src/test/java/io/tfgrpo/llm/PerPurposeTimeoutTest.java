package io.tfgrpo.llm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import tools.jackson.databind.json.JsonMapper;

/**
 * A profile's time limit per purpose, over real HTTP against a model that takes 1.5 s to answer: a reasoning
 * model's rollout may take that long where a summary may not. The profile's own {@code timeout} (300 ms) holds for
 * every purpose without its own; {@code rollout} and {@code judge} get 10 s. Both paths are covered: plain calls
 * (the passthrough) and JSON calls (Spring AI's client).
 */
class PerPurposeTimeoutTest {

    private static final String SCHEMA = "{\"type\":\"object\",\"properties\":{\"ok\":{\"type\":\"boolean\"}},"
            + "\"required\":[\"ok\"],\"additionalProperties\":false}";

    final WireMockServer model = new WireMockServer(options().dynamicPort());
    ModelClient client;

    @BeforeEach
    void start() {
        model.start();
        model.stubFor(post("/v1/chat/completions").willReturn(aResponse().withStatus(200).withFixedDelay(1500)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"id": "x", "object": "chat.completion", "created": 1, "model": "thinker",
                         "choices": [{"index": 0, "message": {"role": "assistant", "content": "{\\"ok\\": true}"},
                                      "finish_reason": "stop"}],
                         "usage": {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15}}""")));
        ModelProfile profile = new ModelProfile(Provider.OPENAI, URI.create(model.baseUrl() + "/v1"), "thinker", null,
                null, 4096, 4, null, Duration.ofMillis(300), null, null, JsonMode.SCHEMA, false,
                Map.of(Purpose.ROLLOUT, Duration.ofSeconds(10), Purpose.JUDGE, Duration.ofSeconds(10)));
        client = new ModelClient("thinker", profile, JsonMapper.builder().build());
    }

    @AfterEach
    void stop() {
        client.close();
        model.stop();
    }

    @Test
    void aPlainCallWaitsAsLongAsItsPurposeAllows() {
        assertThat(client.attempt(call(Purpose.ROLLOUT), null, null).content()).isEqualTo("{\"ok\": true}");

        Throwable summary = catchThrowable(() -> client.attempt(call(Purpose.SUMMARY), null, null));
        assertThat(Failure.of(summary, null).kind()).isEqualTo("timeout");
        // the profile's max-tokens is sent with a rollout, so a long answer is not cut before its \boxed{}
        model.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(matchingJsonPath("$.max_tokens", equalTo("4096"))));
    }

    @Test
    void aJsonCallWaitsAsLongAsItsPurposeAllows() {
        Map<String, Object> schema = Map.of("type", "object");
        assertThat(client.attempt(call(Purpose.JUDGE), schema, SCHEMA).content()).isEqualTo("{\"ok\": true}");

        Throwable summary = catchThrowable(() -> client.attempt(call(Purpose.SUMMARY), schema, SCHEMA));
        assertThat(Failure.of(summary, null).kind()).isEqualTo("timeout");
    }

    private static ChatCall call(Purpose purpose) {
        return ChatCall.of("thinker", purpose, List.of(ChatMessage.user("Think hard.")));
    }
}
