package io.tfgrpo.training;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.tfgrpo.HttpTest;
import io.tfgrpo.simulator.LlmSimulator;

/**
 * Training tests share one application context (so one job engine) and one LLM simulator, which answers the
 * 20 GSM8K sample problems: profile {@code sim}.
 */
@TestPropertySource(properties = { "db-scheduler.polling-interval=200ms", "db-scheduler.immediate-execution-enabled=true",
        "tfgrpo.streams.poll-interval=100ms", "tfgrpo.training.validation-check-interval=200ms" })
public abstract class TrainingTest extends HttpTest {

    protected static final LlmSimulator simulator = LlmSimulator.start(LlmSimulator.Options.defaults().withPort(0)
            .withAnswers(Path.of("samples/gsm8k-20.jsonl")).withAccuracy(0.5).withPriorBoost(0.3).withSeed(11));
    /** The same, answering in 100 ms: jobs that must still be running when the test acts on them. */
    static final LlmSimulator slowSimulator = LlmSimulator.start(LlmSimulator.Options.defaults().withPort(0)
            .withAnswers(Path.of("samples/gsm8k-20.jsonl")).withAccuracy(0.5).withLatencyMs(100).withSeed(12));
    /** The same, with 30% of calls answered by a fault: 429, 500, a held request, or malformed output. */
    static final LlmSimulator flakySimulator = LlmSimulator.start(LlmSimulator.Options.defaults().withPort(0)
            .withAnswers(Path.of("samples/gsm8k-20.jsonl")).withAccuracy(0.5).withErrorRate(0.3).withTimeoutMs(300)
            .withRetryAfterSeconds(1).withSeed(13));
    /**
     * The same, failing a quarter of its requests however often they are retried, and cutting a quarter of its
     * answers off at "the token limit" ({@code finish_reason: length}); both drawn from the request, so fixed per job.
     */
    static final LlmSimulator lossySimulator = LlmSimulator.start(LlmSimulator.Options.defaults().withPort(0)
            .withAnswers(Path.of("samples/gsm8k-20.jsonl")).withAccuracy(0.5).withFailingRequestRate(0.25)
            .withCutOffRate(0.25).withSeed(14));
    /** A server whose every answer is prose where JSON was asked for. */
    static final WireMockServer garbled = new WireMockServer(options().dynamicPort());
    /** A distillation model whose answers a test scripts per kind of answer (see {@code DistillationFailuresTest}). */
    static final WireMockServer scripted = new WireMockServer(options().dynamicPort());
    /** A server that refuses the API key of every call (401). */
    protected static final WireMockServer refused = new WireMockServer(options().dynamicPort());

    /**
     * A judge that finds every response correct, except that it answers 500 to every call about one problem (Josh's
     * house) and prose to every call about another (Marie's pizza): judgements that fail after the gateway's retries.
     */
    protected static final WireMockServer judge = new WireMockServer(options().dynamicPort());

    static {
        judge.start();
        judge.stubFor(post("/v1/chat/completions").atPriority(10).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(reply(
                        "{\\\"score\\\": 1, \\\"verdict\\\": \\\"CORRECT\\\", \\\"reason\\\": \\\"it is right\\\"}"))));
        judge.stubFor(post("/v1/chat/completions").atPriority(1)
                .withRequestBody(containing("Josh decides to try flipping a house"))
                .willReturn(aResponse().withStatus(500).withBody("{\"error\": {\"message\": \"judge down\"}}")));
        judge.stubFor(post("/v1/chat/completions").atPriority(1)
                .withRequestBody(containing("Marie ordered one chicken meal"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(reply("I think it is fine, more or less."))));
        garbled.start();
        garbled.stubFor(post("/v1/chat/completions").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"id": "x", "object": "chat.completion", "created": 1, "model": "garbled",
                         "choices": [{"index": 0, "message": {"role": "assistant", "content": "Sure! Here you go: {oops"},
                                      "finish_reason": "stop"}],
                         "usage": {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15}}""")));
        scripted.start();
        refused.start();
        refused.stubFor(post("/v1/chat/completions").willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"error": {"message": "Incorrect API key provided: sk-wrong.", "type": "invalid_request_error",
                                   "code": "invalid_api_key"}}""")));
    }

    private static String reply(String content) {
        return """
                {"id": "x", "object": "chat.completion", "created": 1, "model": "judge",
                 "choices": [{"index": 0, "message": {"role": "assistant", "content": "%s"}, "finish_reason": "stop"}],
                 "usage": {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15}}""".formatted(content);
    }

    @DynamicPropertySource
    static void profile(DynamicPropertyRegistry registry) {
        registry.add("tfgrpo.models.sim.provider", () -> "openai");
        registry.add("tfgrpo.models.sim.base-url", simulator::baseUrl);
        registry.add("tfgrpo.models.sim.model", () -> "simulator");
        registry.add("tfgrpo.models.sim.max-concurrency", () -> "4");
        registry.add("tfgrpo.models.sim.synthetic", () -> "true");
        registry.add("tfgrpo.models.slow.provider", () -> "openai");
        registry.add("tfgrpo.models.slow.base-url", slowSimulator::baseUrl);
        registry.add("tfgrpo.models.slow.model", () -> "simulator");
        registry.add("tfgrpo.models.slow.max-concurrency", () -> "4");
        registry.add("tfgrpo.models.flaky.provider", () -> "openai");
        registry.add("tfgrpo.models.flaky.base-url", flakySimulator::baseUrl);
        registry.add("tfgrpo.models.flaky.model", () -> "simulator");
        registry.add("tfgrpo.models.flaky.max-concurrency", () -> "8");
        registry.add("tfgrpo.models.lossy.provider", () -> "openai");
        registry.add("tfgrpo.models.lossy.base-url", lossySimulator::baseUrl);
        registry.add("tfgrpo.models.lossy.model", () -> "simulator");
        registry.add("tfgrpo.models.lossy.max-concurrency", () -> "8");
        registry.add("tfgrpo.models.garbled.provider", () -> "openai");
        registry.add("tfgrpo.models.garbled.base-url", () -> garbled.baseUrl() + "/v1");
        registry.add("tfgrpo.models.garbled.model", () -> "garbled");
        registry.add("tfgrpo.models.scripted.provider", () -> "openai");
        registry.add("tfgrpo.models.scripted.base-url", () -> scripted.baseUrl() + "/v1");
        registry.add("tfgrpo.models.scripted.model", () -> "scripted");
        registry.add("tfgrpo.models.refused.provider", () -> "openai");
        registry.add("tfgrpo.models.refused.base-url", () -> refused.baseUrl() + "/v1");
        registry.add("tfgrpo.models.refused.model", () -> "refused");
        registry.add("tfgrpo.models.refused.max-concurrency", () -> "2");
        registry.add("tfgrpo.models.judge.provider", () -> "openai");
        registry.add("tfgrpo.models.judge.base-url", () -> judge.baseUrl() + "/v1");
        registry.add("tfgrpo.models.judge.model", () -> "judge");
        // nothing listens on the discard port: every call fails to connect
        registry.add("tfgrpo.models.dead.provider", () -> "openai");
        registry.add("tfgrpo.models.dead.base-url", () -> "http://127.0.0.1:9/v1");
        registry.add("tfgrpo.models.dead.model", () -> "nothing");
        registry.add("tfgrpo.llm.initial-backoff", () -> "50ms");
    }

    protected RestTestClient.ResponseSpec startJob(Map<String, Object> body) {
        return http.post().uri("/api/training-jobs").contentType(MediaType.APPLICATION_JSON).body(body).exchange();
    }

    protected UUID startedJob(Map<String, Object> body) {
        String location = startJob(body).expectStatus().isAccepted().returnResult(String.class).getResponseHeaders()
                .getLocation().toString();
        return UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
    }

    protected UUID upload(String file) {
        try {
            return uploadText(Files.readString(Path.of(file)));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected UUID uploadText(String jsonl) {
        String location = http.post().uri("/api/datasets?name=training-test")
                .contentType(MediaType.parseMediaType("application/x-ndjson")).body(jsonl).exchange()
                .expectStatus().isCreated().returnResult(String.class).getResponseHeaders().getLocation().toString();
        return UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
    }

    protected static String library(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
