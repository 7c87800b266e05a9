package io.tfgrpo.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.tfgrpo.simulator.LlmSimulator.Options;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code stream: true}: OpenAI's server-sent chunks, adding up to the same answer as the plain completion. */
class LlmSimulatorStreamingTest {

    private LlmSimulator simulator;
    private SimulatorClient client;

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void theDeltasAddUpToTheCompletionAndTheStreamEndsWithUsageAndDone() {
        start(Options.defaults());
        ObjectNode request = SimulatorClient.request(null, "Think step by step and answer in \\boxed{}: 12 + 30?")
                .put("seed", 4);
        String content = client.content(request);

        HttpResponse<String> response = client.chat(streamed(request, true));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/event-stream"));
        List<String> events = events(response.body());
        assertThat(events.getLast()).isEqualTo("[DONE]");
        List<JsonNode> chunks = events.subList(0, events.size() - 1).stream().map(Json.MAPPER::readTree).toList();
        assertThat(chunks).allSatisfy(chunk -> {
            assertThat(chunk.get("object").stringValue()).isEqualTo("chat.completion.chunk");
            assertThat(chunk.get("id")).isEqualTo(chunks.getFirst().get("id"));
        });
        assertThat(chunks.getFirst().at("/choices/0/delta/role").stringValue()).isEqualTo("assistant");
        assertThat(chunks.size()).as("a few words a chunk").isGreaterThan(5);
        var streamed = new StringBuilder();
        chunks.forEach(chunk -> streamed.append(chunk.at("/choices/0/delta/content").asString("")));
        assertThat(streamed.toString()).isEqualTo(content);

        JsonNode finish = chunks.get(chunks.size() - 2);
        assertThat(finish.at("/choices/0/finish_reason").stringValue()).isEqualTo("stop");
        JsonNode usage = chunks.getLast();
        assertThat(usage.get("choices")).isEmpty();
        assertThat(usage.at("/usage/completion_tokens").asInt()).isEqualTo((content.length() + 3) / 4);
        assertThat(usage.at("/usage/total_tokens").asInt())
                .isEqualTo(usage.at("/usage/prompt_tokens").asInt() + usage.at("/usage/completion_tokens").asInt());
        assertThat(simulator.journal().recent().getLast().stream()).isTrue();
    }

    @Test
    void withoutIncludeUsageTheFinishChunkComesLast() {
        start(Options.defaults());
        ObjectNode request = LlmSimulatorSchemaTest.structured(null, "Compare.", "advantage",
                Json.MAPPER.readTree("{\"type\": \"object\", \"properties\": {\"analysis\": {\"type\": \"string\"}},"
                        + " \"required\": [\"analysis\"]}"));
        String content = client.content(request);

        List<String> events = events(client.chat(streamed(request, false)).body());
        JsonNode last = Json.MAPPER.readTree(events.get(events.size() - 2));

        assertThat(last.at("/choices/0/finish_reason").stringValue()).isEqualTo("stop");
        assertThat(last.has("usage")).isFalse();
        var streamed = new StringBuilder();
        events.subList(0, events.size() - 1).forEach(event ->
                streamed.append(Json.MAPPER.readTree(event).at("/choices/0/delta/content").asString("")));
        assertThat(Json.MAPPER.readTree(streamed.toString())).isEqualTo(Json.MAPPER.readTree(content));
    }

    @Test
    void theFirstChunkComesEarlyAndTheLatencyIsSpreadOverTheRest() throws IOException {
        start(Options.defaults().withLatencyMs(1500));
        ObjectNode request = streamed(SimulatorClient.request(null, "Tell me something."), false);
        long started = System.nanoTime();

        HttpResponse<Stream<String>> response = client.send(client.post("/v1/chat/completions", request.toString())
                .build(), HttpResponse.BodyHandlers.ofLines());
        Iterator<String> lines = response.body().iterator();
        String first = lines.next();
        long firstMillis = (System.nanoTime() - started) / 1_000_000;
        String last = first;
        while (lines.hasNext()) {
            String line = lines.next();
            last = line.isEmpty() ? last : line;
        }
        long totalMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(first).startsWith("data: ").contains("\"role\":\"assistant\"");
        assertThat(firstMillis).isLessThan(1000);
        assertThat(totalMillis).isGreaterThanOrEqualTo(1500);
        assertThat(last).isEqualTo("data: [DONE]");
    }

    private void start(Options options) {
        simulator = LlmSimulator.start(options.withPort(0));
        client = new SimulatorClient(simulator);
    }

    private static ObjectNode streamed(ObjectNode request, boolean includeUsage) {
        ObjectNode copy = request.deepCopy().put("stream", true);
        if (includeUsage) {
            copy.putObject("stream_options").put("include_usage", true);
        }
        return copy;
    }

    /** The data of each server-sent event, in order. */
    private static List<String> events(String body) {
        assertThat(body).endsWith("\n\n");
        return Arrays.stream(body.split("\n\n")).peek(event -> assertThat(event).startsWith("data: "))
                .map(event -> event.substring("data: ".length())).toList();
    }
}
