package io.tfgrpo.reward;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.tfgrpo.HttpTest;

/** The verifiers that call out, over real HTTP against WireMock: a webhook of the user's, and an LLM judge. */
class OutsideVerifiersTest extends HttpTest {

    static final WireMockServer server = new WireMockServer(options().dynamicPort());

    static {
        server.start();
    }

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("tfgrpo.reward.webhook-allowed-hosts", () -> "localhost");
        registry.add("tfgrpo.reward.webhook-timeout", () -> "500ms");
        registry.add("tfgrpo.models.judge.provider", () -> "openai");
        registry.add("tfgrpo.models.judge.base-url", () -> server.baseUrl() + "/v1");
        registry.add("tfgrpo.models.judge.model", () -> "judge-model");
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Autowired
    Verifiers verifiers;

    final Attempt attempt = new Attempt("What is 2+2?", "4", "It is \\boxed{4}.");

    @BeforeEach
    void reset() {
        server.resetAll();
    }

    @Test
    void aWebhookScoresTheAttemptItIsSent() {
        server.stubFor(post("/score").willReturn(json(200, "{\"reward\": 0.75}")));

        assertThat(webhook("/score").score(attempt).value()).isEqualTo(0.75);
        server.verify(postRequestedFor(urlEqualTo("/score"))
                .withRequestBody(matchingJsonPath("$.problem", equalTo("What is 2+2?")))
                .withRequestBody(matchingJsonPath("$.answer", equalTo("4")))
                .withRequestBody(matchingJsonPath("$.response", equalTo("It is \\boxed{4}."))));
    }

    @Test
    void aWebhookIsSentNoAnswerFieldWhenThereIsNoReference() {
        server.stubFor(post("/score").willReturn(json(200, "{\"reward\": 1}")));

        assertThat(webhook("/score").score(new Attempt("Name a prime.", null, "7")).value()).isEqualTo(1);
        server.verify(postRequestedFor(urlEqualTo("/score"))
                .withRequestBody(matchingJsonPath("$.problem", equalTo("Name a prime.")))
                .withRequestBody(matchingJsonPath("$.response", equalTo("7")))
                .withRequestBody(notContaining("\"answer\"")));
    }

    @Test
    void badRepliesTimeoutsAndRedirectsAreErrorsNotZeros() {
        server.stubFor(post("/error").willReturn(json(500, "{}")));
        server.stubFor(post("/shape").willReturn(json(200, "{\"score\": 1}")));
        server.stubFor(post("/range").willReturn(json(200, "{\"reward\": 7}")));
        server.stubFor(post("/slow").willReturn(json(200, "{\"reward\": 1}").withFixedDelay(2000)));
        server.stubFor(post("/elsewhere").willReturn(aResponse().withStatus(307)
                .withHeader("Location", "http://169.254.169.254/latest/meta-data")));

        for (String path : new String[] { "/error", "/shape", "/range", "/slow", "/elsewhere" }) {
            assertThatThrownBy(() -> webhook(path).score(attempt)).as(path).isInstanceOf(VerifierFailed.class)
                    .hasMessageContaining("the webhook localhost");
        }
        server.verify(0, getRequestedFor(urlMatching("/latest/.*")));
    }

    @Test
    void aWebhookIsNamedWithoutItsQueryWhenItFailsOrIsShown() {
        server.stubFor(post("/slow").willReturn(json(200, "{\"reward\": 1}").withFixedDelay(2000)));
        // nothing listens on the discard port
        for (String url : new String[] { server.baseUrl() + "/slow?token=hunter2", "http://localhost:9/score?token=hunter2" }) {
            assertThatThrownBy(() -> verifiers.create(new VerifierSpec(VerifierSpec.Type.WEBHOOK, null, null, null,
                    null, url)).score(attempt)).as(url).isInstanceOf(VerifierFailed.class)
                    .hasMessageContaining("the webhook localhost").hasMessageNotContaining("hunter2");
        }
        assertThat(new VerifierSpec(VerifierSpec.Type.WEBHOOK, null, null, null, null,
                "https://user:pass@scores.example.com:8443/hook/v1?token=hunter2#frag").withoutSecrets().url())
                .isEqualTo("https://scores.example.com:8443/hook/v1");
    }

    @Test
    void aGradedLlmJudgeReturnsItsScoreAndReasonAndIsInTheLedger() {
        server.stubFor(post("/v1/chat/completions")
                .willReturn(judged("{\"score\": 0.8, \"reason\": \"Correct, but terse.\"}")));
        String owner = "judged-" + UUID.randomUUID();

        Reward reward = verifiers.create(new VerifierSpec(VerifierSpec.Type.LLM_JUDGE, null, null, "judge",
                "Full marks for a correct boxed answer.", null, true), owner).score(attempt);

        assertThat(reward.value()).isEqualTo(0.8);
        assertThat(reward.reason()).isEqualTo("Correct, but terse.");
        server.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(matchingJsonPath("$.response_format.type", equalTo("json_schema")))
                .withRequestBody(matchingJsonPath("$.response_format.json_schema.schema.properties.score"))
                .withRequestBody(matchingJsonPath("$.temperature", equalTo("0.0"))));
        assertThat(count("select count(*) from llm_call where owner = ? and purpose = 'JUDGE'", owner)).isEqualTo(1);
    }

    @Test
    void anLlmJudgeGivesThePapersBinaryVerdictByDefault() {
        Verifier judge = verifiers.create(new VerifierSpec(VerifierSpec.Type.LLM_JUDGE, null, null, "judge", null,
                null), "judged-" + UUID.randomUUID());

        server.stubFor(post("/v1/chat/completions")
                .willReturn(judged("{\"verdict\": \"CORRECT\", \"reason\": \"It is 4.\"}")));
        assertThat(judge.score(attempt).value()).isEqualTo(1);
        server.stubFor(post("/v1/chat/completions")
                .willReturn(judged("{\"verdict\": \"INCORRECT\", \"reason\": \"It is not 5.\"}")));
        Reward wrong = judge.score(new Attempt("What is 2+2?", "4", "It is \\boxed{5}."));

        assertThat(wrong.value()).isZero();
        assertThat(wrong.reason()).isEqualTo("It is not 5.");
        server.verify(2, postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(matchingJsonPath("$.response_format.json_schema.schema.properties.verdict.enum"))
                .withRequestBody(containing("Reference answer: 4")).withRequestBody(containing("CORRECT")));
    }

    @Test
    void anLlmJudgeWithoutAReferenceIsShownNone() {
        server.stubFor(post("/v1/chat/completions")
                .willReturn(judged("{\"verdict\": \"CORRECT\", \"reason\": \"Seven is prime.\"}")));

        Reward reward = verifiers.create(new VerifierSpec(VerifierSpec.Type.LLM_JUDGE, null, null, "judge",
                "A prime number.", null), "judged-" + UUID.randomUUID()).score(new Attempt("Name a prime.", null, "7"));

        assertThat(reward.value()).isEqualTo(1);
        server.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(containing("Name a prime.")).withRequestBody(containing("A prime number."))
                .withRequestBody(notContaining("Reference answer")).withRequestBody(notContaining("reference")));
    }

    /** A chat completion whose content is {@code content}, the judge's JSON. */
    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder judged(String content) {
        return json(200, """
                {"id": "j", "object": "chat.completion", "created": 1, "model": "judge-model",
                 "choices": [{"index": 0, "message": {"role": "assistant", "content": "%s"}, "finish_reason": "stop"}],
                 "usage": {"prompt_tokens": 50, "completion_tokens": 12, "total_tokens": 62}}"""
                .formatted(content.replace("\"", "\\\"")));
    }

    private Verifier webhook(String path) {
        return verifiers.create(new VerifierSpec(VerifierSpec.Type.WEBHOOK, null, null, null, null,
                server.baseUrl() + path));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }
}
