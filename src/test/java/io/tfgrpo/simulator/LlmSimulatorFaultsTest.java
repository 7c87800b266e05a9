package io.tfgrpo.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.tfgrpo.simulator.LlmSimulator.Journal;
import io.tfgrpo.simulator.LlmSimulator.Options;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Injected faults: 429 with Retry-After, 500, held requests answered 504, and malformed output. */
class LlmSimulatorFaultsTest {

    private static final JsonNode SCHEMA = Json.MAPPER.readTree("""
            {"type": "object", "properties": {"analysis": {"type": "string"}}, "required": ["analysis"],
             "additionalProperties": false}""");

    private LlmSimulator simulator;
    private SimulatorClient client;

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void atErrorRateOneEveryCallFailsInOneOfFourWays() {
        start(Options.defaults().withErrorRate(1).withTimeoutMs(200).withRetryAfterSeconds(3));
        Map<String, Integer> kinds = new HashMap<>();

        for (int i = 0; i < 40; i++) {
            ObjectNode request = i % 2 == 0 ? SimulatorClient.request(null, "Hi " + i)
                    : LlmSimulatorSchemaTest.structured(null, "Judge " + i, "judge", SCHEMA);
            long started = System.nanoTime();
            HttpResponse<String> response = client.chat(request);
            long millis = (System.nanoTime() - started) / 1_000_000;
            String kind = switch (response.statusCode()) {
                case 429 -> {
                    assertThat(response.headers().firstValue("Retry-After")).hasValue("3");
                    yield "429";
                }
                case 504 -> {
                    assertThat(millis).as("held for the timeout").isGreaterThanOrEqualTo(200);
                    yield "timeout";
                }
                case 200 -> {
                    assertMalformed(response.body(), i % 2 == 1);
                    yield "malformed";
                }
                default -> String.valueOf(response.statusCode());
            };
            if (!kind.equals("malformed")) {
                assertThat(Json.MAPPER.readTree(response.body()).at("/error/message").stringValue()).isNotBlank();
            }
            kinds.merge(kind, 1, Integer::sum);
        }

        assertThat(kinds).containsOnlyKeys("429", "500", "timeout", "malformed");
        Journal journal = simulator.journal();
        kinds.forEach((kind, count) -> assertThat(journal.outcome(kind)).as(kind).isEqualTo(count.longValue()));
        assertThat(journal.outcome("ok")).isZero();
    }

    @Test
    void aClientWithAShorterTimeoutGivesUpFirst() {
        Options options = Options.defaults().withErrorRate(1).withTimeoutMs(5_000).withPort(0);
        long timeoutCall = 1;
        while (CallPlan.of(options, timeoutCall).outcome() != Outcome.TIMEOUT) {
            timeoutCall++;
        }
        start(options);
        for (long call = 1; call < timeoutCall; call++) {
            client.chat(SimulatorClient.request(null, "warm-up " + call));
        }

        HttpRequest request = client.post("/v1/chat/completions", SimulatorClient.request(null, "Hi").toString())
                .timeout(Duration.ofMillis(300)).build();

        assertThatThrownBy(() -> client.send(request, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(HttpTimeoutException.class);
        assertThat(simulator.journal().recent().getLast().outcome()).isEqualTo("timeout");
    }

    @Test
    void aboutTheConfiguredShareOfCallsFailsAndOnlyAnsweredRequestsCountAsRepeated() {
        start(Options.defaults().withErrorRate(0.3).withTimeoutMs(10));
        ObjectNode request = SimulatorClient.request(null, "The same question every time.").put("seed", 1);

        int faults = 0;
        int firstAnswered = -1;
        for (int i = 0; i < 300; i++) {
            HttpResponse<String> response = client.chat(request);
            if (response.statusCode() != 200 || !isCompletion(response.body())) {
                faults++;
            }
            else if (firstAnswered < 0) {
                firstAnswered = i;
            }
        }

        assertThat(faults / 300.0).isCloseTo(0.3, within(0.08));
        Journal journal = simulator.journal();
        assertThat(journal.outcome("ok") + faults).isEqualTo(300);
        assertThat(journal.repeatedRequests()).as("every call after the first answered one asks again")
                .isEqualTo(300 - firstAnswered - 1);
    }

    @Test
    void aRetryAfterAFaultCanSucceedBecauseFaultsFollowTheCallNotTheRequest() {
        start(Options.defaults().withErrorRate(0.5).withTimeoutMs(10));
        ObjectNode request = SimulatorClient.request(null, "Retry me.").put("seed", 9);

        int attempts = 0;
        HttpResponse<String> response;
        do {
            response = client.chat(request);
            attempts++;
        }
        while ((response.statusCode() != 200 || !isCompletion(response.body())) && attempts < 50);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(simulator.journal().repeatedRequests()).isZero();
    }

    private void start(Options options) {
        simulator = LlmSimulator.start(options.withPort(0));
        client = new SimulatorClient(simulator);
    }

    /** Structured output keeps its envelope and breaks the content; other calls get a broken body. */
    private static void assertMalformed(String body, boolean structured) {
        if (!structured) {
            assertThat(isJson(body)).as(body).isFalse();
            return;
        }
        JsonNode completion = Json.MAPPER.readTree(body);
        assertThat(completion.at("/choices/0/finish_reason").stringValue()).isEqualTo("stop");
        assertThat(isJson(completion.at("/choices/0/message/content").stringValue())).isFalse();
    }

    private static boolean isCompletion(String body) {
        return isJson(body) && Json.MAPPER.readTree(body).has("choices");
    }

    private static boolean isJson(String text) {
        try {
            Json.MAPPER.readTree(text);
            return true;
        }
        catch (JacksonException e) {
            return false;
        }
    }
}
