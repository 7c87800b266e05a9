package io.tfgrpo.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.tfgrpo.simulator.LlmSimulator.Options;
import tools.jackson.databind.JsonNode;

/** Models, health, the journal over HTTP, errors in OpenAI's shape, concurrency and the command line. */
class LlmSimulatorEndpointsTest {

    private LlmSimulator simulator;
    private SimulatorClient client;

    @AfterEach
    void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    void fiftyConcurrentCallsAreAllAnsweredAndThePeakIsRecorded() {
        start(Options.defaults().withLatencyMs(100).withLatencyJitterMs(20));

        List<CompletableFuture<HttpResponse<String>>> calls = IntStream.range(0, 50)
                .mapToObj(i -> client.chatAsync(SimulatorClient.request(null, "Call " + i))).toList();
        List<Integer> statuses = calls.stream().map(CompletableFuture::join).map(HttpResponse::statusCode).toList();

        assertThat(statuses).hasSize(50).containsOnly(200);
        JsonNode journal = Json.MAPPER.readTree(client.get("/journal").body());
        assertThat(journal.get("peakConcurrency").asInt()).isBetween(2, 50);
        assertThat(journal.get("inFlight").asInt()).isZero();
        assertThat(journal.get("calls").asInt()).isEqualTo(50);
        assertThat(journal.at("/byOutcome/ok").asInt()).isEqualTo(50);
        assertThat(journal.at("/byPurpose/chat").asInt()).isEqualTo(50);
        assertThat(journal.get("recent")).hasSize(50);
    }

    @Test
    void theJournalListsRecentRequestsAndDeleteResetsIt() {
        start(Options.defaults());
        client.content(SimulatorClient.request("[E4] When in doubt, check the units.", "Hello").put("seed", 11));

        JsonNode recent = Json.MAPPER.readTree(client.get("/journal").body()).at("/recent/0");

        assertThat(recent.get("seq").asInt()).isEqualTo(1);
        assertThat(recent.get("purpose").stringValue()).isEqualTo("chat");
        assertThat(recent.get("model").stringValue()).isEqualTo("test-model");
        assertThat(recent.get("seed").asInt()).isEqualTo(11);
        assertThat(recent.get("temperature").asDouble()).isEqualTo(0.7);
        assertThat(recent.get("stream").booleanValue()).isFalse();
        assertThat(recent.get("responseFormat").isNull()).isTrue();
        assertThat(recent.get("carriesExperiences").booleanValue()).isTrue();
        assertThat(recent.at("/messages/1/content").stringValue()).isEqualTo("Hello");
        assertThat(recent.get("outcome").stringValue()).isEqualTo("ok");

        assertThat(client.delete("/journal").statusCode()).isEqualTo(204);
        JsonNode reset = Json.MAPPER.readTree(client.get("/journal").body());
        assertThat(reset.get("calls").asInt()).isZero();
        assertThat(reset.get("recent")).isEmpty();
        assertThat(reset.get("byPurpose")).isEmpty();
        assertThat(reset.at("/byOutcome/ok").asInt()).isZero();
        assertThat(reset.get("repeatedRequests").asInt()).isZero();
    }

    @Test
    void modelsAndHealth() {
        start(Options.defaults().withModel("sim-7b"));

        JsonNode models = Json.MAPPER.readTree(client.get("/v1/models").body());
        JsonNode health = Json.MAPPER.readTree(client.get("/health").body());

        assertThat(models.get("object").stringValue()).isEqualTo("list");
        assertThat(models.at("/data/0/id").stringValue()).isEqualTo("sim-7b");
        assertThat(models.at("/data/0/object").stringValue()).isEqualTo("model");
        assertThat(models.at("/data/0/owned_by").stringValue()).isEqualTo("tfgrpo-simulator");
        assertThat(health.get("status").stringValue()).isEqualTo("UP");
        assertThat(simulator.baseUrl()).isEqualTo("http://127.0.0.1:" + simulator.port() + "/v1");
    }

    @Test
    void unknownPathsAndBadRequestsGetOpenAiErrors() {
        start(Options.defaults());

        HttpResponse<String> unknown = client.get("/v1/completions");
        HttpResponse<String> badJson = client.send(client.post("/v1/chat/completions", "{\"model\": ").build());
        HttpResponse<String> noMessages = client.send(
                client.post("/v1/chat/completions", "{\"model\": \"m\"}").build());
        HttpResponse<String> badTemperature = client.chat(SimulatorClient.request(null, "x").put("temperature", 3));

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(Json.MAPPER.readTree(unknown.body()).at("/error/code").stringValue()).isEqualTo("unknown_url");
        for (HttpResponse<String> response : List.of(badJson, noMessages, badTemperature)) {
            assertThat(response.statusCode()).isEqualTo(400);
            JsonNode error = Json.MAPPER.readTree(response.body()).get("error");
            assertThat(error.get("message").stringValue()).isNotBlank();
            assertThat(error.get("type").stringValue()).isEqualTo("invalid_request_error");
            assertThat(error.has("code")).isTrue();
        }
        assertThat(simulator.journal().outcome("invalid")).isEqualTo(3);
    }

    @Test
    void stopSequencesAndTokenLimitsCutTheAnswer() {
        start(Options.defaults());

        JsonNode limited = client.completion(SimulatorClient.request(null, "Hello").put("max_tokens", 3));
        JsonNode stopped = client.completion(SimulatorClient.request(null, "Hello").put("stop", "simulator"));

        assertThat(limited.at("/choices/0/message/content").stringValue()).hasSize(12);
        assertThat(limited.at("/choices/0/finish_reason").stringValue()).isEqualTo("length");
        assertThat(limited.at("/usage/completion_tokens").asInt()).isEqualTo(3);
        assertThat(stopped.at("/choices/0/message/content").stringValue())
                .isEqualTo("This is a synthetic reply from the LLM ");
    }

    @Test
    void theCommandLineSetsEveryOptionAndRejectsUnknownOnes() {
        Options options = Options.fromArgs("--port", "0", "--latency-ms=5", "--latency-jitter-ms", "2",
                "--error-rate", "0.25", "--timeout-ms", "100", "--retry-after-seconds", "2", "--accuracy", "0.3",
                "--prior-boost", "0.2", "--seed", "7", "--model", "m", "--host", "0.0.0.0");

        assertThat(options).isEqualTo(Options.defaults().withPort(0).withLatencyMs(5).withLatencyJitterMs(2)
                .withErrorRate(0.25).withTimeoutMs(100).withRetryAfterSeconds(2).withAccuracy(0.3)
                .withPriorBoost(0.2).withSeed(7).withModel("m").withHost("0.0.0.0"));
        assertThatThrownBy(() -> Options.fromArgs("--colour", "red")).hasMessageContaining("--colour");
        assertThatThrownBy(() -> Options.fromArgs("--accuracy", "2")).hasMessageContaining("accuracy");
        assertThatThrownBy(() -> Options.fromArgs("--answers", "/no/such.jsonl")).hasMessageContaining("no such file");
        assertThat(CommandLine.help())
                .contains("--latency-ms N", "(default 8089)", "(default 30000)", "(default simulator)");
    }

    private void start(Options options) {
        simulator = LlmSimulator.start(options.withPort(0));
        client = new SimulatorClient(simulator);
    }
}
