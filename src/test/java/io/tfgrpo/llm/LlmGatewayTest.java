package io.tfgrpo.llm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import io.micrometer.core.instrument.MeterRegistry;
import io.tfgrpo.HttpTest;

/** The gateway over real HTTP against WireMock playing an OpenAI-compatible server. */
@ExtendWith(OutputCaptureExtension.class)
class LlmGatewayTest extends HttpTest {

    static final String SECRET = "sk-test-" + UUID.randomUUID();
    static final WireMockServer server = new WireMockServer(options().dynamicPort());

    static {
        server.start();
    }

    @DynamicPropertySource
    static void profile(DynamicPropertyRegistry registry) {
        registry.add("tfgrpo.models.wire.provider", () -> "openai");
        registry.add("tfgrpo.models.wire.base-url", () -> server.baseUrl() + "/v1");
        registry.add("tfgrpo.models.wire.api-key", () -> SECRET);
        registry.add("tfgrpo.models.wire.model", () -> "test-model");
        registry.add("tfgrpo.models.wire.max-concurrency", () -> "3");
        registry.add("tfgrpo.models.wire.timeout", () -> "700ms");
        registry.add("tfgrpo.models.wire.input-price-per-million", () -> "2.5");
        registry.add("tfgrpo.models.wire.output-price-per-million", () -> "10");
        registry.add("tfgrpo.llm.max-attempts", () -> "3");
        registry.add("tfgrpo.llm.initial-backoff", () -> "20ms");
        registry.add("tfgrpo.llm.max-backoff", () -> "2s");
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Autowired
    LlmGateway gateway;

    @Autowired
    MeterRegistry meters;

    final String owner = "test-" + UUID.randomUUID();

    @BeforeEach
    void reset() {
        server.resetAll();
    }

    @Test
    void aSuccessfulCallIsMeteredCostedAndInTheLedger() {
        stubAnswer("Hello there", 12, 5);

        ChatReply reply = gateway.chat(call(Purpose.ROLLOUT).withTemperature(0.7).withSeed(3));

        assertThat(reply.content()).isEqualTo("Hello there");
        assertThat(reply.promptTokens()).isEqualTo(12);
        assertThat(reply.completionTokens()).isEqualTo(5);
        assertThat(reply.tokensEstimated()).isFalse();
        assertThat(reply.attempts()).isEqualTo(1);
        assertThat(reply.costUsd()).isEqualByComparingTo(new BigDecimal("0.00008")); // 12*2.5e-6 + 5*10e-6
        server.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withHeader("Authorization", equalTo("Bearer " + SECRET))
                .withRequestBody(matchingJsonPath("$.model", equalTo("test-model")))
                .withRequestBody(matchingJsonPath("$.seed", equalTo("3")))
                .withRequestBody(matchingJsonPath("$.temperature", equalTo("0.7")))
                .withRequestBody(matchingJsonPath("$.messages[0].content", equalTo("What is 2+2?"))));

        http.get().uri("/api/usage?owner={owner}", owner).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.calls").isEqualTo(1)
                .jsonPath("$.promptTokens").isEqualTo(12)
                .jsonPath("$.completionTokens").isEqualTo(5)
                .jsonPath("$.costUsd").isEqualTo(0.00008)
                .jsonPath("$.byPurpose[0].purpose").isEqualTo("ROLLOUT");
        http.get().uri("/api/models").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$[?(@.name == 'wire')].lastCall.answered").isEqualTo(List.of(true))
                .jsonPath("$[?(@.name == 'wire')].apiKeySet").isEqualTo(List.of(true))
                .jsonPath("$[?(@.name == 'default')]").exists();
        assertThat(http.get().uri("/actuator/prometheus").exchange().expectBody(String.class).returnResult()
                .getResponseBody()).contains("tfgrpo_llm_calls_total{outcome=\"ok\",profile=\"wire\",purpose=\"rollout\"")
                .contains("tfgrpo_llm_tokens_total{kind=\"prompt\",profile=\"wire\",purpose=\"rollout\"")
                .contains("tfgrpo_llm_latency_seconds_count{profile=\"wire\",purpose=\"rollout\"");
    }

    @Test
    void withoutUsageTheTokensAreEstimatedAndFlagged() {
        server.stubFor(post("/v1/chat/completions").willReturn(okJson(completion("twelve chars", null))));

        ChatReply reply = gateway.chat(call(Purpose.INFERENCE));

        assertThat(reply.tokensEstimated()).isTrue();
        assertThat(reply.completionTokens()).isEqualTo(3);
        assertThat(count("select count(*) from llm_call where owner = ? and tokens_estimated", owner)).isEqualTo(1);
    }

    @Test
    void a429IsRetriedAfterItsRetryAfter() {
        server.stubFor(post("/v1/chat/completions").inScenario("429").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\": {\"message\": \"slow down\", \"type\": \"rate_limit\", \"code\": \"rate_limit\"}}"))
                .willSetStateTo("ok"));
        server.stubFor(post("/v1/chat/completions").inScenario("429").whenScenarioStateIs("ok")
                .willReturn(okJson(completion("after the wait", 3))));

        ChatReply reply = gateway.chat(call(Purpose.SUMMARY));

        assertThat(reply.content()).isEqualTo("after the wait");
        assertThat(reply.attempts()).isEqualTo(2);
        List<ServeEvent> events = events();
        long gap = events.get(1).getRequest().getLoggedDate().getTime() - events.get(0).getRequest().getLoggedDate().getTime();
        assertThat(gap).as("waited for Retry-After: 1").isGreaterThanOrEqualTo(950);
        assertThat(count("select attempts from llm_call where owner = ?", owner)).isEqualTo(2);
    }

    @Test
    void a500IsRetried() {
        server.stubFor(post("/v1/chat/completions").inScenario("500").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500).withBody("{\"error\": {\"message\": \"boom\"}}"))
                .willSetStateTo("ok"));
        server.stubFor(post("/v1/chat/completions").inScenario("500").whenScenarioStateIs("ok")
                .willReturn(okJson(completion("recovered", 3))));

        assertThat(gateway.chat(call(Purpose.ADVANTAGE)).attempts()).isEqualTo(2);
    }

    @Test
    void timeoutsAreRetriedThenReportedNamingTheProfile() {
        server.stubFor(post("/v1/chat/completions").willReturn(okJson(completion("too late", 3)).withFixedDelay(2000)));

        assertThatThrownBy(() -> gateway.chat(call(Purpose.JUDGE)))
                .isInstanceOf(ModelCallFailed.class)
                .hasMessageStartingWith("Model profile 'wire' failed the judge call after 3 attempts: I/O error or timeout");
        assertThat(server.getAllServeEvents()).hasSize(3);
        assertThat(jdbc.queryForObject("select outcome || ' ' || attempts || ' ' || error_kind from llm_call where owner = ?",
                String.class, owner)).isEqualTo("FAILED 3 timeout");
    }

    @Test
    void clientErrorsOtherThan429AreNotRetried() {
        server.stubFor(post("/v1/chat/completions").willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\": {\"message\": \"bad\", \"type\": \"invalid_request_error\", \"code\": \"bad_param\"}}")));

        assertThatThrownBy(() -> gateway.chat(call(Purpose.ROLLOUT))).isInstanceOf(ModelCallFailed.class)
                .hasMessageContaining("after 1 attempt: HTTP 400");
        assertThat(server.getAllServeEvents()).hasSize(1);
    }

    record Verdict(@NotBlank String analysis, @NotNull Integer score) {
    }

    @Test
    void malformedJsonIsRepairedOnce() {
        double failuresBefore = parseFailures(true);
        // told apart by what they ask, not by their order: a first call that times out on a cold client and is
        // retried must get the cut-off answer again
        server.stubFor(post("/v1/chat/completions").atPriority(2)
                .willReturn(okJson(completion("{\"analysis\": \"cut off", 5))));
        server.stubFor(post("/v1/chat/completions").atPriority(1)
                .withRequestBody(containing("could not be used: malformed JSON"))
                .willReturn(okJson(completion("```json\n{\"analysis\": \"fine\", \"score\": 4}\n```", 5))));

        Structured<Verdict> verdict = gateway.structured(call(Purpose.ADVANTAGE), Verdict.class);

        assertThat(verdict.value()).isEqualTo(new Verdict("fine", 4));
        assertThat(verdict.repaired()).isTrue();
        server.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(matchingJsonPath("$.response_format.type", equalTo("json_schema"))));
        server.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(matchingJsonPath("$.messages[1].role", equalTo("assistant")))
                .withRequestBody(containing("could not be used: malformed JSON")));
        assertThat(jdbc.queryForList("select outcome from llm_call where owner = ? order by id", String.class, owner))
                .containsExactly("PARSE_FAILED", "OK");
        assertThat(parseFailures(true)).isEqualTo(failuresBefore + 1);
    }

    @Test
    void anAnswerInvalidTwiceIsReportedNotDropped() {
        server.stubFor(post("/v1/chat/completions").willReturn(okJson(completion("{\"analysis\": \"\"}", 5))));

        assertThatThrownBy(() -> gateway.structured(call(Purpose.UPDATE), Verdict.class))
                .isInstanceOf(StructuredOutputFailed.class)
                .hasMessageContaining("even after a repair attempt")
                .hasMessageContaining("analysis must not be blank").hasMessageContaining("score must not be null");
        assertThat(jdbc.queryForList("select outcome from llm_call where owner = ? order by id", String.class, owner))
                .containsExactly("PARSE_FAILED", "PARSE_FAILED");
        http.get().uri("/api/usage?owner={owner}", owner).exchange().expectBody().jsonPath("$.parseFailed").isEqualTo(2);
    }

    @Test
    void concurrencyNeverPassesTheProfileLimit() throws Exception {
        server.stubFor(post("/v1/chat/completions").willReturn(okJson(completion("slow", 3)).withFixedDelay(150)));

        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<ChatReply>> replies = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                replies.add(pool.submit(() -> gateway.chat(call(Purpose.ROLLOUT))));
            }
            for (Future<ChatReply> reply : replies) {
                assertThat(reply.get().content()).isEqualTo("slow");
            }
        }
        // WireMock completes an event's timing just after the reply has gone out: the client may be faster
        await().atMost(java.time.Duration.ofSeconds(5)).until(() -> events().size() == 12
                && events().stream().allMatch(e -> e.getTiming() != null && e.getTiming().getTotalTime() != null));
        assertThat(peakConcurrency(events())).isBetween(2, 3);
    }

    @Test
    void theApiKeyNeverLeavesTheProcess(CapturedOutput output) {
        server.stubFor(post("/v1/chat/completions").willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\": {\"message\": \"Incorrect API key provided: " + SECRET + "\", \"code\": \"invalid_api_key\"}}")));

        assertThatThrownBy(() -> gateway.chat(call(Purpose.INFERENCE)))
                .isInstanceOf(ModelCallFailed.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET).contains("invalid_api_key"));
        String models = http.get().uri("/api/models").exchange().expectStatus().isOk().expectBody(String.class)
                .returnResult().getResponseBody();
        assertThat(models).doesNotContain(SECRET);
        assertThat(jdbc.queryForList("select coalesce(error, '') from llm_call", String.class))
                .noneMatch(error -> error.contains(SECRET));
        assertThat(output.getAll()).doesNotContain(SECRET);
    }

    @Test
    void theLedgerKeepsAFailuresKindAndAMessageWithoutTheKey() {
        // a server that quotes the key it was sent as its error code
        server.stubFor(post("/v1/chat/completions").willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\": {\"message\": \"no\", \"code\": \"" + SECRET + "\"}}")));

        assertThatThrownBy(() -> gateway.chat(call(Purpose.INFERENCE))).isInstanceOf(ModelCallFailed.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET).endsWith("HTTP 401 ((hidden))"));
        assertThat(jdbc.queryForMap("select outcome, error_kind, error from llm_call where owner = ?", owner))
                .containsEntry("outcome", "FAILED").containsEntry("error_kind", "rejected")
                .containsEntry("error", "HTTP 401 ((hidden))");
        assertThat(http.get().uri("/api/models").exchange().expectBody(String.class).returnResult().getResponseBody())
                .contains("HTTP 401 ((hidden))").doesNotContain(SECRET);
    }

    private ChatCall call(Purpose purpose) {
        return ChatCall.of("wire", purpose, List.of(io.tfgrpo.llm.ChatMessage.user("What is 2+2?"))).ownedBy(owner);
    }

    private void stubAnswer(String content, int prompt, int completion) {
        server.stubFor(post("/v1/chat/completions").willReturn(okJson(completion(content, null)
                .replace("\"usage\":null", "\"usage\":{\"prompt_tokens\":" + prompt + ",\"completion_tokens\":"
                        + completion + ",\"total_tokens\":" + (prompt + completion) + "}"))));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder okJson(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static String completion(String content, Integer completionTokens) {
        String escaped = content.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
        String usage = completionTokens == null ? "null"
                : "{\"prompt_tokens\":10,\"completion_tokens\":" + completionTokens + ",\"total_tokens\":"
                        + (10 + completionTokens) + "}";
        return "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1700000000,\"model\":\"test-model\","
                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"" + escaped
                + "\"},\"finish_reason\":\"stop\"}],\"usage\":" + usage + "}";
    }

    private static List<ServeEvent> events() {
        return server.getAllServeEvents().stream()
                .sorted(Comparator.comparing(e -> e.getRequest().getLoggedDate())).toList();
    }

    /** The most requests the server was handling at once, from arrival times and durations. */
    private static int peakConcurrency(List<ServeEvent> events) {
        List<long[]> edges = new ArrayList<>();
        for (ServeEvent event : events) {
            long start = event.getRequest().getLoggedDate().getTime();
            edges.add(new long[] { start, 1 });
            edges.add(new long[] { start + event.getTiming().getTotalTime(), -1 });
        }
        edges.sort(Comparator.<long[]>comparingLong(e -> e[0]).thenComparingLong(e -> e[1]));
        int current = 0;
        int peak = 0;
        for (long[] edge : edges) {
            current += (int) edge[1];
            peak = Math.max(peak, current);
        }
        return peak;
    }

    private double parseFailures(boolean repaired) {
        var counter = meters.find("tfgrpo.llm.parse.failures").tag("profile", "wire")
                .tag("repaired", Boolean.toString(repaired)).counter();
        return counter == null ? 0 : counter.count();
    }
}
