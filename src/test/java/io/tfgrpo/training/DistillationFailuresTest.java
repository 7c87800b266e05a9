package io.tfgrpo.training;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import com.github.tomakehurst.wiremock.client.MappingBuilder;

import io.tfgrpo.llm.LlmGateway;
import io.tfgrpo.runs.RunGuard;
import tools.jackson.databind.json.JsonMapper;

/**
 * Distillation that survives bad model output: the distillation model is {@code scripted}, a WireMock server that
 * answers each kind of call (told apart by the title of the JSON Schema asked for) as the test says; rollouts
 * come from the simulator.
 */
class DistillationFailuresTest extends TrainingTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    JobStore jobs;

    @Autowired
    StepStore steps;

    @Autowired
    LongTexts texts;

    @Autowired
    LlmGateway gateway;

    @BeforeEach
    void answerEveryCallSensibly() {
        scripted.resetAll();
        answer("RolloutSummary", Map.of("summary", "The attempt added the amounts and checked the result."));
        answer("GroupAdvantage", Map.of("analysis", "The better attempts checked their result.",
                "experiences", List.of("When a problem has several steps, check each intermediate result.")));
        answer("GroupUpdate", operations(op("ADD", "", "When a problem has several steps, check each result.")));
    }

    @Test
    void aBatchUpdateThatNeverParsesLeavesItsStepWithoutAVersionAndTheJobGoesOn() {
        scripted.stubFor(call("BatchUpdate").willReturn(completion("Sure! Here is the merged update: {oops")));

        UUID id = finishedJob("garbled-batch", Map.of("batchSize", 3));

        Map<String, Object> job = view("/api/training-jobs/" + id);
        assertThat(job.get("completedSteps")).isEqualTo(2);
        assertThat((List<?>) job.get("versions")).isEmpty();
        List<Map<String, Object>> learned = list(job.get("steps")).stream()
                .filter(s -> (Integer) s.get("groupsLearned") > 0).toList();
        assertThat(learned).isNotEmpty().allSatisfy(step -> {
            assertThat(step.get("libraryVersion")).isNull();
            assertThat((String) step.get("distillationFailed")).startsWith("the batch update failed: ")
                    .contains("did not return valid JSON");
        });
        http.get().uri("/api/training-jobs/{id}/steps/{n}", id, learned.getFirst().get("step")).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.figures.distillationFailed").value(f -> assertThat((String) f).contains("valid JSON"))
                .jsonPath("$.operations.applied.length()").isEqualTo(0);
    }

    @Test
    void aRefusedKeyFailsTheJobAtOnceWithAClearCode() {
        refused.resetRequests();
        UUID id = startedJob(Map.of("datasetId", dataset(), "library", library("refused"), "rolloutModel", "sim",
                "distillModel", "refused", "groupSize", 6, "epochs", 1));
        await().atMost(Duration.ofSeconds(30)).until(() -> jobs.find(id).orElseThrow().status().finished());

        http.get().uri("/api/training-jobs/{id}", id).exchange().expectBody()
                .jsonPath("$.status").isEqualTo("FAILED")
                .jsonPath("$.errorCode").isEqualTo("MODEL_KEY_REFUSED")
                .jsonPath("$.error").value(e -> assertThat((String) e).contains("refused its API key (HTTP 401)")
                        .doesNotContain("sk-wrong"))
                .jsonPath("$.completedSteps").isEqualTo(0);
        // the calls under way when the first was refused (the profile allows 2 at once), and none after
        assertThat(refused.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions")))).hasSizeLessThanOrEqualTo(2);
    }

    @Test
    void aModelTheServerDoesNotHaveFailsTheJobAtOnce() {
        scripted.resetAll();
        scripted.stubFor(post("/v1/chat/completions").willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"error": {"message": "The model `scripted` does not exist", "code": "model_not_found"}}""")));
        UUID id = startedJob(Map.of("datasetId", dataset(), "library", library("no-model"), "rolloutModel", "sim",
                "distillModel", "scripted", "groupSize", 6, "epochs", 1));
        await().atMost(Duration.ofSeconds(30)).until(() -> jobs.find(id).orElseThrow().status().finished());

        http.get().uri("/api/training-jobs/{id}", id).exchange().expectBody()
                .jsonPath("$.status").isEqualTo("FAILED")
                .jsonPath("$.errorCode").isEqualTo("MODEL_NOT_FOUND")
                .jsonPath("$.error").value(e -> assertThat((String) e).contains("has no model 'scripted' (HTTP 404)"));
    }

    @Test
    void aGroupWhoseAdvantageFailsIsCountedAndTheOthersStillLearn() {
        String first = firstProblem().substring(0, 40);
        scripted.stubFor(call("GroupAdvantage").withRequestBody(containing(first))
                .willReturn(completion("no JSON here")));
        answer("BatchUpdate", operations(op("ADD", "", "When stuck, work backwards.")));
        String library = library("one-fails");

        UUID id = finishedJob(library, Map.of());

        Map<String, Object> step = list(view("/api/training-jobs/" + id).get("steps")).getFirst();
        assertThat(step.get("groupsFailed")).isEqualTo(1);
        assertThat((Integer) step.get("groupsLearned")).isPositive();
        assertThat(step.get("libraryVersion")).isEqualTo(1);
        assertThat(texts(library, 1)).containsExactly("When stuck, work backwards.");
    }

    @Test
    void experienceCodesAreReadForgivingly() {
        String library = libraryWith("codes", "Check units.", "Draw a diagram.", "Estimate first.");
        answer("BatchUpdate", operations(op("UPDATE", "[E1]", "Check the units of every quantity."),
                op("UPDATE", "e2", "Draw a labelled diagram."), op("DELETE", "E3:", ""), op("DELETE", " E3 ", "")));

        UUID id = finishedJob(library, Map.of());

        assertThat(texts(library, 2)).containsExactly("Check the units of every quantity.", "Draw a labelled diagram.");
        http.get().uri("/api/training-jobs/{id}/steps/0", id).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.operations.applied[*].code").value(codes -> assertThat(codes).asInstanceOf(
                        org.assertj.core.api.InstanceOfAssertFactories.LIST).containsExactly("E3", "E1", "E2"))
                .jsonPath("$.operations.rejected.length()").isEqualTo(1)
                .jsonPath("$.operations.rejected[0].reason").isEqualTo("E3 is deleted twice; the first DELETE is kept");
    }

    @Test
    void aTextOverTheWordLimitIsShortenedOnceAndCutWhenStillTooLong() {
        String fitting = words("When a problem is long, restate it briefly first and then", 40);
        String stubborn = words("When numbers are large, round them. Then compute the exact value carefully", 40);
        answer("BatchUpdate", operations(op("ADD", "", fitting), op("ADD", "", stubborn)));
        scripted.stubFor(call("ShortenedExperience").withRequestBody(containing("restate it briefly"))
                .willReturn(completion(JSON.writeValueAsString(Map.of("text", "When a problem is long, restate it first.")))));
        scripted.stubFor(call("ShortenedExperience").withRequestBody(containing("round them"))
                .willReturn(completion(JSON.writeValueAsString(Map.of("text", "When numbers are large, round them "
                        + "first. " + words("Then compute the exact value with care", 28))))));
        String library = library("long");

        UUID id = finishedJob(library, Map.of());

        assertThat(texts(library, 1)).containsExactly("When a problem is long, restate it first.",
                "When numbers are large, round them first.");
        assertThat(scripted.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(containing("ShortenedExperience")))).as("one call per long text").hasSize(2);
        http.get().uri("/api/training-jobs/{id}/steps/0", id).exchange().expectBody()
                .jsonPath("$.operations.applied[0].note").isEqualTo("shortened by the model from 40 to 8 words")
                .jsonPath("$.operations.applied[1].note").isEqualTo("shortened by the model from 40 to 35 words, "
                        + "still too long; cut at the last sentence end within 32 words");
        // a resumed step reads what it stored, and calls again for nothing
        JobStore.Job job = jobs.find(id).orElseThrow();
        var resumed = new StepRunner.Context(job, List.of(), null, new MethodPrompts(Map.of(), null),
                new RunGuard(gateway, () -> false, () -> false, null, RunGuard.Spent.NOTHING), 32);
        assertThat(texts.fit(resumed, 0, steps.batchUpdate(id, 0).orElseThrow().operations()))
                .extracting(p -> p.operation().text())
                .containsExactly("When a problem is long, restate it first.", "When numbers are large, round them first.");
        assertThat(scripted.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(containing("ShortenedExperience")))).hasSize(2);
    }

    @Test
    void rejectedOperationsAreListedWithTheirReasons() {
        String library = libraryWith("rejects", "Check units.");
        answer("BatchUpdate", operations(op("UPDATE", "E9", "Nothing to update."), op("ADD", "", ""),
                op("DELETE", "", ""), op("NONE", "", ""), op("ADD", "", "When stuck, work backwards from the goal.")));

        UUID id = finishedJob(library, Map.of());

        http.get().uri("/api/training-jobs/{id}/steps/0", id).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.figures.step").isEqualTo(0)
                .jsonPath("$.figures.operationsApplied").isEqualTo(1)
                .jsonPath("$.figures.operationsRejected").isEqualTo(3)
                .jsonPath("$.operations.applied[0].op").isEqualTo("ADD")
                .jsonPath("$.operations.applied[0].code").isEqualTo("E2")
                .jsonPath("$.operations.applied[0].text").isEqualTo("When stuck, work backwards from the goal.")
                .jsonPath("$.operations.applied[0].reason").isEqualTo("it helps")
                .jsonPath("$.operations.rejected[*].reason").value(reasons -> assertThat(reasons).asInstanceOf(
                        org.assertj.core.api.InstanceOfAssertFactories.LIST).containsExactlyInAnyOrder(
                                "a DELETE needs the code of an experience", "unknown experience code 'E9' in version 1",
                                "an ADD needs a text"));
        http.get().uri("/api/training-jobs/{id}/steps/5", id).exchange().expectStatus().isNotFound().expectBody()
                .jsonPath("$.type").isEqualTo("urn:tfgrpo:problem:training-step-not-found")
                .jsonPath("$.detail").value(d -> assertThat((String) d).contains("no committed step 5"));
    }

    @Test
    void theCapCountsTheNetResultOfTheWholeBatch() {
        String roomy = libraryWith("cap", "Check units.", "Draw a diagram.");
        answer("BatchUpdate", operations(op("ADD", "", "When stuck, work backwards."),
                op("ADD", "", "When done, check the answer."), op("DELETE", "E1", "")));

        finishedJob(roomy, Map.of("maxExperiences", 3));

        assertThat(texts(roomy, 2)).containsExactly("Draw a diagram.", "When stuck, work backwards.",
                "When done, check the answer.");

        String full = libraryWith("cap", "Check units.", "Draw a diagram.", "Estimate first.");
        answer("BatchUpdate", operations(op("DELETE", "E9", ""), op("ADD", "", "When stuck, work backwards.")));

        UUID id = finishedJob(full, Map.of("maxExperiences", 3));

        http.get().uri("/api/training-jobs/{id}/steps/0", id).exchange().expectBody()
                .jsonPath("$.figures.libraryVersion").doesNotExist()
                .jsonPath("$.operations.rejected[*].reason").value(reasons -> assertThat(reasons).asInstanceOf(
                        org.assertj.core.api.InstanceOfAssertFactories.LIST).containsExactly(
                                "unknown experience code 'E9' in version 1",
                                "the library would hold 4 experiences, more than the job's maxExperiences (3)"));
    }

    private UUID finishedJob(String library, Map<String, Object> more) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("datasetId", dataset(), "library", library,
                "rolloutModel", "sim", "distillModel", "scripted", "groupSize", 6, "epochs", 1));
        body.putAll(more);
        UUID id = startedJob(body);
        await().atMost(Duration.ofSeconds(60)).until(() -> jobs.find(id).orElseThrow().status().finished());
        http.get().uri("/api/training-jobs/{id}", id).exchange().expectBody().jsonPath("$.status").isEqualTo("SUCCEEDED");
        return id;
    }

    /** Six problems of the sample; the simulator answers half right, so most groups of 6 carry a signal. */
    private UUID dataset() {
        try {
            return uploadText(String.join("\n", Files.readAllLines(Path.of("samples/gsm8k-20.jsonl")).subList(0, 6)));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String firstProblem() {
        try {
            return (String) JSON.readValue(Files.readAllLines(Path.of("samples/gsm8k-20.jsonl")).getFirst(), Map.class)
                    .get("problem");
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String libraryWith(String prefix, String... experiences) {
        String name = library(prefix);
        http.post().uri("/api/libraries").contentType(MediaType.APPLICATION_JSON).body(Map.of("name", name))
                .exchange().expectStatus().isCreated();
        http.post().uri("/api/libraries/{name}/versions", name).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("baseVersion", 0, "promote", true, "operations",
                        java.util.Arrays.stream(experiences).map(text -> Map.of("op", "ADD", "text", text)).toList()))
                .exchange().expectStatus().isCreated();
        return name;
    }

    private List<String> texts(String library, int version) {
        return list(view("/api/libraries/" + library + "/versions/" + version).get("experiences")).stream()
                .map(e -> (String) e.get("text")).toList();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> view(String uri) {
        return http.get().uri(uri).exchange().expectStatus().isOk().returnResult(Map.class).getResponseBody();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        return (List<Map<String, Object>>) value;
    }

    private static MappingBuilder call(String answerKind) {
        return post("/v1/chat/completions").withRequestBody(containing(answerKind));
    }

    private static void answer(String answerKind, Object value) {
        scripted.stubFor(call(answerKind).atPriority(5).willReturn(completion(JSON.writeValueAsString(value))));
    }

    private static Map<String, Object> operations(Map<?, ?>... operations) {
        return Map.of("operations", List.of(operations));
    }

    private static Map<String, String> op(String op, String code, String text) {
        return Map.of("op", op, "code", code, "text", text, "reason", "it helps");
    }

    /** {@code sentence}'s words repeated up to {@code count} words. */
    private static String words(String sentence, int count) {
        String[] words = sentence.split(" ");
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append(i == 0 ? "" : " ").append(words[i % words.length]);
        }
        return text.toString();
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder completion(String content) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(JSON.writeValueAsString(
                Map.of("id", "x", "object", "chat.completion", "created", 1, "model", "scripted",
                        "choices", List.of(Map.of("index", 0, "finish_reason", "stop",
                                "message", Map.of("role", "assistant", "content", content))),
                        "usage", Map.of("prompt_tokens", 10, "completion_tokens", 5, "total_tokens", 15))));
    }
}
