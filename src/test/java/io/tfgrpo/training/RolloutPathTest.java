package io.tfgrpo.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import io.tfgrpo.library.RolloutPrompt;
import io.tfgrpo.simulator.LlmSimulator.Journal;
import tools.jackson.databind.json.JsonMapper;

/**
 * One rollout path: the same library version reaches the model byte for byte the same in a training rollout, an
 * evaluation answer, {@code POST /api/inference} and {@code /v1/chat/completions}, wherever the library places its
 * prior; and a job's validation asks in the job's own rollout prompt. The simulator's journal shows what the model
 * was really sent.
 */
class RolloutPathTest extends TrainingTest {

    @Autowired
    JobStore jobs;

    @Autowired
    JsonMapper json;

    @ParameterizedTest
    @ValueSource(strings = { "system", "user-suffix" })
    void trainingEvaluationAndServingSendTheSameRequest(String placement) throws IOException {
        String line = Files.readAllLines(Path.of("samples/gsm8k-20.jsonl")).getFirst();
        String problem = json.readTree(line).get("problem").stringValue();
        UUID dataset = uploadText(line + "\n");
        String library = library("path");
        http.post().uri("/api/libraries").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", library, "priorPlacement", placement)).exchange().expectStatus().isCreated();
        http.post().uri("/api/libraries/{name}/versions", library).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("baseVersion", 0, "promote", true, "operations", List.of(
                        Map.of("op", "ADD", "text", "Write down what is known before computing."),
                        Map.of("op", "ADD", "text", "Check the answer against the question's units."))))
                .exchange().expectStatus().isCreated();

        simulator.resetJournal();
        UUID job = startedJob(Map.of("datasetId", dataset, "library", library, "rolloutModel", "sim",
                "distillModel", "sim", "groupSize", 2, "epochs", 1));
        await().atMost(Duration.ofSeconds(60)).until(() -> jobs.find(job).orElseThrow().status().finished());
        List<Journal.Message> trained = lastRollout();

        simulator.resetJournal();
        String evaluation = http.post().uri("/api/evaluations").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("datasetId", dataset, "library", library, "versions", List.of("1"), "model", "sim",
                        "k", 1))
                .exchange().expectStatus().isAccepted().returnResult(String.class).getResponseHeaders().getLocation()
                .toString();
        await().atMost(Duration.ofSeconds(60)).until(() -> http.get().uri(evaluation).exchange()
                .returnResult(String.class).getResponseBody().contains("\"status\":\"SUCCEEDED\""));
        List<Journal.Message> evaluated = lastRollout();

        String asked = RolloutPrompt.render(null, problem);
        http.post().uri("/api/inference").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("library", library, "version", "1", "model", "sim", "prompt", asked)).exchange()
                .expectStatus().isOk();
        List<Journal.Message> inferred = simulator.journal().recent().getLast().messages();

        http.post().uri("/v1/chat/completions").header("X-Experience-Library", library + "@1")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("model", "sim", "messages", List.of(Map.of("role", "user", "content", asked))))
                .exchange().expectStatus().isOk();
        List<Journal.Message> completed = simulator.journal().recent().getLast().messages();
        http.post().uri("/v1/chat/completions").header("X-Experience-Library", library + "@1")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("model", "sim", "stream", true,
                        "messages", List.of(Map.of("role", "user", "content", asked))))
                .exchange().expectStatus().isOk().expectBody(String.class)
                .value(body -> assertThat(body).contains("[DONE]"));
        assertThat(simulator.journal().recent().getLast().stream()).isTrue();
        List<Journal.Message> streamed = simulator.journal().recent().getLast().messages();

        assertThat(evaluated).as("evaluation").isEqualTo(trained);
        assertThat(inferred).as("/api/inference").isEqualTo(trained);
        assertThat(completed).as("/v1/chat/completions").isEqualTo(trained);
        assertThat(streamed).as("/v1/chat/completions, streamed").isEqualTo(trained);
        String prior = "[E1] Write down what is known before computing.\n"
                + "[E2] Check the answer against the question's units.";
        if (placement.equals("system")) {
            assertThat(trained).extracting(Journal.Message::role).containsExactly("system", "user");
            assertThat(trained.getFirst().content()).endsWith(prior);
            assertThat(trained.getLast().content()).isEqualTo(asked);
        }
        else {
            assertThat(trained).extracting(Journal.Message::role).containsExactly("user");
            assertThat(trained.getFirst().content()).startsWith(asked + "\n\n").endsWith(prior);
        }
    }

    @Test
    void aJobsValidationAsksInTheJobsOwnRolloutPrompt() {
        UUID dataset = upload("samples/gsm8k-20.jsonl");
        String override = "Solve this one: {{problem}}\nPut only the final answer inside \\boxed{}.";
        simulator.resetJournal();
        UUID job = startedJob(Map.of("datasetId", dataset, "library", library("own-prompt"), "rolloutModel", "sim",
                "distillModel", "sim", "groupSize", 2, "epochs", 1,
                "promptOverrides", Map.of("rollout", override),
                "validation", Map.of("datasetId", dataset, "k", 1, "minImprovement", -1)));
        await().atMost(Duration.ofSeconds(60)).until(() -> jobs.find(job).orElseThrow().status().finished());
        assertThat(jobs.find(job).orElseThrow().validationEvaluation()).as("%s", jobs.find(job)).isNotNull();

        List<Journal.Request> rollouts = simulator.journal().recent().stream()
                .filter(r -> r.purpose().equals("rollout")).toList();
        List<Journal.Request> validation = rollouts.stream()
                .filter(r -> Double.valueOf(0.3).equals(r.temperature())).toList();
        assertThat(validation).as("the validation's answers").isNotEmpty();
        assertThat(rollouts)
                .allSatisfy(r -> assertThat(r.messages().getLast().content()).startsWith("Solve this one: "));
    }

    private static List<Journal.Message> lastRollout() {
        return simulator.journal().recent().stream().filter(r -> r.purpose().equals("rollout"))
                .reduce((first, second) -> second).orElseThrow().messages();
    }
}
