package io.tfgrpo.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;

import io.tfgrpo.HttpTest;
import io.tfgrpo.shared.ProgressStreams;
import tools.jackson.databind.json.JsonMapper;

/**
 * The bounds of progress streams, on the training and evaluation endpoints alike (they share one implementation).
 * The jobs and evaluations here are stored without being scheduled, so they stay unfinished and their streams run
 * until a bound ends them.
 */
@TestPropertySource(properties = { "tfgrpo.streams.max-lifetime=5s", "tfgrpo.streams.max-per-key=2",
        "tfgrpo.streams.max-per-instance=3", "tfgrpo.streams.heartbeat=200ms", "tfgrpo.streams.poll-interval=100ms" })
class ProgressStreamLimitsTest extends HttpTest {

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<InputStream> opened = new ArrayList<>();

    @Autowired
    ProgressStreams streams;

    @Autowired
    JobStore jobStore;

    @Autowired
    JsonMapper json;

    UUID dataset;

    @BeforeEach
    void dataset() {
        String location = http.post().uri("/api/datasets?name=streams").contentType(MediaType.parseMediaType(
                "application/x-ndjson")).body("{\"problem\": \"1 + 1?\", \"answer\": \"2\"}\n").exchange()
                .expectStatus().isCreated().returnResult(String.class).getResponseHeaders().getLocation().toString();
        dataset = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
    }

    @AfterEach
    void cleanUp() throws IOException {
        for (InputStream stream : opened) {
            stream.close();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> streams.open() == 0);
        jdbc.update("delete from training_job where dataset_id = ?", dataset);
        jdbc.update("delete from evaluation where dataset_id = ?", dataset);
        jdbc.update("delete from dataset where id = ?", dataset);
    }

    @Test
    void aKeyAndTheInstanceMayHoldOnlySoManyStreams() throws Exception {
        String other = "Bearer " + http.post().uri("/api/keys").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", "streamer-" + UUID.randomUUID(), "scopes", List.of("train"))).exchange()
                .expectStatus().isCreated().returnResult(Map.class).getResponseBody().get("key");

        assertThat(open(jobEvents(), BEARER).statusCode()).isEqualTo(200);
        assertThat(open(evaluationEvents(), BEARER).statusCode()).isEqualTo(200);
        HttpResponse<InputStream> third = open(jobEvents(), BEARER);
        assertThat(third.statusCode()).isEqualTo(429);
        assertThat(third.headers().firstValue("Retry-After")).hasValue("10");
        assertThat(new String(third.body().readAllBytes(), StandardCharsets.UTF_8))
                .contains("urn:tfgrpo:problem:too-many-streams").contains("max-per-key");

        assertThat(open(jobEvents(), other).statusCode()).as("another key's first stream").isEqualTo(200);
        HttpResponse<InputStream> overInstance = open(evaluationEvents(), other);
        assertThat(overInstance.statusCode()).isEqualTo(429);
        assertThat(new String(overInstance.body().readAllBytes(), StandardCharsets.UTF_8))
                .contains("max-per-instance");
        assertThat(streams.open()).isEqualTo(3);
    }

    @Test
    void aStreamEndsAtItsMaximumLifetime() throws Exception {
        long started = System.nanoTime();
        HttpResponse<InputStream> response = open(jobEvents(), BEARER);
        List<String> events = new ArrayList<>();
        try (var lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("event:")) {
                    events.add(line.substring(6).strip());
                }
            }
        }
        Duration lasted = Duration.ofNanos(System.nanoTime() - started);

        assertThat(events).containsExactly("expired");
        assertThat(lasted).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(5)).until(() -> streams.open() == 0);
    }

    @Test
    void aClientThatLeavesStopsThePolling() throws Exception {
        HttpResponse<InputStream> job = open(jobEvents(), BEARER);
        HttpResponse<InputStream> evaluation = open(evaluationEvents(), BEARER);
        assertThat(job.statusCode()).isEqualTo(200);
        assertThat(evaluation.statusCode()).isEqualTo(200);
        assertThat(streams.open()).isEqualTo(2);

        job.body().close();
        await().atMost(Duration.ofSeconds(10)).until(() -> streams.open() == 1);
        evaluation.body().close();
        await().atMost(Duration.ofSeconds(10)).until(() -> streams.open() == 0);
    }

    private HttpResponse<InputStream> open(String path, String authorization) throws Exception {
        HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + path)).header("Authorization", authorization)
                .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        opened.add(response.body());
        return response;
    }

    /** A job that nothing runs: stored, never scheduled. */
    private String jobEvents() {
        UUID id = UUID.randomUUID();
        var request = json.readValue("{\"datasetId\": \"" + dataset + "\", \"library\": \"streams\"}",
                StartTrainingJob.class);
        jobStore.insert(id, JobConfig.of(request, 1, null), 0, 1, null);
        return "/api/training-jobs/" + id + "/events";
    }

    /** An evaluation that nothing runs. */
    private String evaluationEvents() {
        UUID id = UUID.randomUUID();
        jdbc.update("""
                insert into evaluation (id, status, config, dataset_id, library) values (?, 'RUNNING', cast(? as jsonb), ?, 'streams')""",
                id, """
                {"datasetId": "%s", "library": "streams", "versions": ["none"], "model": "default", "k": 1,
                 "temperature": 0.0, "verifier": {"type": "math"}, "seed": 1}""".formatted(dataset), dataset);
        return "/api/evaluations/" + id + "/events";
    }
}
