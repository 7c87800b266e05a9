package io.tfgrpo.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;

import io.tfgrpo.training.TrainingTest;

/**
 * Evaluations end to end against the simulator of the training tests: right with probability 0.5, plus 0.3 when
 * the prompt carries experiences. The evaluation must show that difference, inside its interval.
 */
class EvaluationApiTest extends TrainingTest {

    @Test
    void anEvaluationShowsTheDifferenceTheSimulatorWasSetToProduce() {
        UUID dataset = upload("samples/gsm8k-20.jsonl");
        String library = library("eval");
        http.post().uri("/api/libraries").contentType(MediaType.APPLICATION_JSON).body(Map.of("name", library))
                .exchange().expectStatus().isCreated();
        http.post().uri("/api/libraries/{name}/versions", library).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("baseVersion", 0, "promote", true, "operations",
                        List.of(Map.of("op", "ADD", "text", "Check the units of the final answer."))))
                .exchange().expectStatus().isCreated();

        String location = http.post().uri("/api/evaluations").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("datasetId", dataset, "library", library, "model", "sim", "k", 8))
                .exchange().expectStatus().isAccepted()
                .expectHeader().valueMatches("Location", "/api/evaluations/[0-9a-f-]{36}")
                .returnResult(String.class).getResponseHeaders().getLocation().toString();
        await().atMost(Duration.ofSeconds(60)).until(() -> http.get().uri(location).exchange()
                .returnResult(EvaluationView.class).getResponseBody().status().equals("SUCCEEDED"));

        EvaluationView view = http.get().uri(location).exchange().expectStatus().isOk()
                .returnResult(EvaluationView.class).getResponseBody();
        assertThat(view.samples()).as("k alone, as before: that many samples").isEqualTo(8);
        assertThat(view.k()).containsExactly(8);
        assertThat(view.answers()).isEqualTo(view.totalAnswers()).isEqualTo(2L * 20 * 8);
        assertThat(view.versions()).extracting(EvaluationView.VersionResult::version).containsExactly("none", "1");
        EvaluationView.VersionResult baseline = view.versions().get(0);
        EvaluationView.VersionResult trained = view.versions().get(1);
        assertThat(baseline.meanAtK()).isBetween(0.35, 0.65);
        assertThat(trained.meanAtK()).isBetween(0.65, 0.95);
        assertThat(trained.passAtK().get(8)).isGreaterThanOrEqualTo(trained.meanAtK());
        EvaluationView.Comparison comparison = view.comparisons().getFirst();
        assertThat(comparison.baseline()).isEqualTo("none");
        assertThat(comparison.problems()).isEqualTo(20);
        assertThat(comparison.lower()).as("the lower bound").isGreaterThan(0);
        assertThat(comparison.lower()).isLessThanOrEqualTo(0.3);
        assertThat(comparison.upper()).isGreaterThanOrEqualTo(0.3);
        assertThat(count("select count(*) from llm_call where owner = ? and purpose = 'EVALUATION'", view.id().toString()))
                .isEqualTo(2L * 20 * 8);

        assertThat(trained.meanAtKLower()).isLessThanOrEqualTo(trained.meanAtK());
        assertThat(trained.meanAtKUpper()).isGreaterThanOrEqualTo(trained.meanAtK());
        String svg = http.get().uri(location + "/chart.svg").exchange().expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith("image/svg+xml").expectBody(String.class).returnResult()
                .getResponseBody();
        assertThat(svg).startsWith("<svg").contains("no library").contains("version 1").contains("Mean@8")
                .as("the axis says what is plotted").doesNotContain("accuracy");
        byte[] png = http.get().uri(location + "/chart.png").exchange().expectStatus().isOk()
                .expectHeader().contentType(MediaType.IMAGE_PNG).expectBody(byte[].class).returnResult().getResponseBody();
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');

        http.get().uri(location + "/items?page=1&size=5").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.totalElements").isEqualTo(20)
                .jsonPath("$.content[0].item").isEqualTo(5)
                .jsonPath("$.content[0].versions.none.samples").isEqualTo(8)
                .jsonPath("$.content[0].versions['1'].samples").isEqualTo(8);
        String events = http.get().uri(location + "/events").accept(MediaType.TEXT_EVENT_STREAM).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(events).contains("event:progress").contains("\"answers\":320").contains("event:done");

        // promotion on evidence: version 1 beat the baseline; version 0 was not compared
        http.put().uri("/api/libraries/{name}/current?requireEvaluation={id}", library, view.id())
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("version", 1)).exchange().expectStatus().isOk();
        http.put().uri("/api/libraries/{name}/current?requireEvaluation={id}", library, view.id())
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("version", 0)).exchange()
                .expectStatus().isEqualTo(409).expectBody()
                .jsonPath("$.type").isEqualTo("urn:tfgrpo:problem:promotion-refused");
    }

    /** Mean@8 and Pass@1, Pass@4, Pass@8 of the same 8 answers per problem, as the per-problem counts give them. */
    @Test
    void severalPassAtKComeFromTheSameSamples() {
        UUID dataset = upload("samples/gsm8k-20.jsonl");
        String library = library("evalpass");
        http.post().uri("/api/libraries").contentType(MediaType.APPLICATION_JSON).body(Map.of("name", library))
                .exchange().expectStatus().isCreated();
        String location = evaluate(Map.of("datasetId", dataset, "library", library, "model", "sim", "samples", 8,
                "k", List.of(8, 1, 4), "versions", List.of("none"))).expectStatus().isAccepted()
                .returnResult(String.class).getResponseHeaders().getLocation().toString();
        await().atMost(Duration.ofSeconds(60)).until(() -> http.get().uri(location).exchange()
                .returnResult(EvaluationView.class).getResponseBody().status().equals("SUCCEEDED"));

        EvaluationView view = http.get().uri(location).exchange().returnResult(EvaluationView.class).getResponseBody();
        assertThat(view.samples()).isEqualTo(8);
        assertThat(view.k()).containsExactly(1, 4, 8);
        assertThat(view.answers()).isEqualTo(20 * 8);
        List<Integer> correct = new java.util.ArrayList<>();
        http.get().uri(location + "/items?size=20").exchange().expectBody()
                .jsonPath("$.content[*].versions.none.samples").value(samples -> assertThat((List<Object>) samples)
                        .hasSize(20).containsOnly(8))
                .jsonPath("$.content[*].versions.none.correct").value(counts -> ((List<?>) counts)
                        .forEach(c -> correct.add((Integer) c)));
        assertThat(new java.util.HashSet<>(correct)).as("problems of unlike difficulty").hasSizeGreaterThan(2);
        EvaluationView.VersionResult none = view.versions().getFirst();
        for (int k : List.of(1, 4, 8)) {
            // 1 - C(8-c, k) / C(8, k), with exact binomials, averaged over the 20 problems
            double expected = correct.stream().mapToDouble(c -> 1 - binomial(8 - c, k) / binomial(8, k)).average()
                    .orElseThrow();
            assertThat(none.passAtK().get(k)).as("Pass@%d", k).isCloseTo(expected, within(1e-9));
        }
        assertThat(none.passAtK().get(1)).isLessThan(none.passAtK().get(4));
        assertThat(none.passAtK().get(4)).isLessThan(none.passAtK().get(8));
        assertThat(none.passAtK().get(1)).as("Pass@1 of 0/1 rewards is Mean@n").isCloseTo(none.meanAtK(), within(1e-9));
        assertThat(none.meanAtK()).isCloseTo(correct.stream().mapToInt(c -> c).sum() / 160.0, within(1e-9));
        assertThat(none.judgeFailed()).isZero();
    }

    private static double binomial(int n, int k) {
        if (k > n) {
            return 0;
        }
        java.math.BigInteger result = java.math.BigInteger.ONE;
        for (int i = 0; i < k; i++) {
            result = result.multiply(java.math.BigInteger.valueOf(n - i)).divide(java.math.BigInteger.valueOf(i + 1));
        }
        return result.doubleValue();
    }

    @Test
    void aPassAtKBeyondTheSamplesIsRefused() {
        UUID dataset = upload("samples/gsm8k-20.jsonl");
        String library = library("evalk");
        http.post().uri("/api/libraries").contentType(MediaType.APPLICATION_JSON).body(Map.of("name", library))
                .exchange().expectStatus().isCreated();
        evaluate(Map.of("datasetId", dataset, "library", library, "model", "sim", "samples", 4, "k", List.of(1, 8)))
                .expectStatus().isBadRequest().expectBody()
                .jsonPath("$.field").isEqualTo("k")
                .jsonPath("$.detail").isEqualTo("k: Pass@8 needs at least 8 answers per problem, but samples is 4");
        assertThat(count("select count(*) from evaluation where library = ?", library)).isZero();
    }

    /**
     * The judge answers 500 to every call about one problem and prose to every call about another: after the
     * gateway's retries (and its repair request) those judgements fail. They are counted, left out of the figures,
     * and the evaluation succeeds.
     */
    @Test
    void aJudgeThatFailsLeavesAnswersUnjudgedAndTheEvaluationSucceeds() {
        UUID dataset = upload("samples/gsm8k-20.jsonl");
        String library = library("evaljudge");
        http.post().uri("/api/libraries").contentType(MediaType.APPLICATION_JSON).body(Map.of("name", library))
                .exchange().expectStatus().isCreated();
        String location = evaluate(Map.of("datasetId", dataset, "library", library, "model", "sim", "samples", 2,
                "versions", List.of("none"), "verifier", Map.of("type", "llm-judge", "profile", "judge")))
                .expectStatus().isAccepted().returnResult(String.class).getResponseHeaders().getLocation().toString();
        await().atMost(Duration.ofSeconds(60)).until(() -> !http.get().uri(location).exchange()
                .returnResult(EvaluationView.class).getResponseBody().status().matches("QUEUED|RUNNING"));

        EvaluationView view = http.get().uri(location).exchange().returnResult(EvaluationView.class).getResponseBody();
        assertThat(view.status()).as("%s", view.error()).isEqualTo("SUCCEEDED");
        EvaluationView.VersionResult none = view.versions().getFirst();
        assertThat(none.samples()).isEqualTo(40);
        assertThat(none.judgeFailed()).isEqualTo(4);
        assertThat(none.failed()).isZero();
        assertThat(none.problems()).as("the two problems without a judgement count in no figure").isEqualTo(18);
        assertThat(none.meanAtK()).as("every judged answer was right").isEqualTo(1.0);
        assertThat(none.passAtK().get(2)).isEqualTo(1.0);
        // Josh's house and Marie's pizza are the first two problems of the sample
        http.get().uri(location + "/items?size=3").exchange().expectBody()
                .jsonPath("$.content[0].versions.none.judgeFailed").isEqualTo(2)
                .jsonPath("$.content[0].versions.none.correct").isEqualTo(0)
                .jsonPath("$.content[1].versions.none.judgeFailed").isEqualTo(2)
                .jsonPath("$.content[2].versions.none.judgeFailed").isEqualTo(0)
                .jsonPath("$.content[2].versions.none.correct").isEqualTo(2);
        assertThat(count("select count(*) from evaluation_item where evaluation_id = ? and judge_error is not null",
                view.id())).isEqualTo(4);
    }

    @Test
    void aVersionThatDoesNotBeatTheBaselineIsNotPromotedOnThatEvidence() {
        UUID dataset = upload("samples/gsm8k-20.jsonl");
        String library = library("evalgate");
        http.post().uri("/api/libraries").contentType(MediaType.APPLICATION_JSON).body(Map.of("name", library))
                .exchange().expectStatus().isCreated();
        // version 0 is empty: its prompts are the baseline's, so the difference is exactly 0
        String location = http.post().uri("/api/evaluations").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("datasetId", dataset, "library", library, "model", "sim", "k", 2,
                        "versions", List.of("none", "0")))
                .exchange().expectStatus().isAccepted().returnResult(String.class).getResponseHeaders()
                .getLocation().toString();
        await().atMost(Duration.ofSeconds(60)).until(() -> http.get().uri(location).exchange()
                .returnResult(EvaluationView.class).getResponseBody().status().equals("SUCCEEDED"));
        String id = location.substring(location.lastIndexOf('/') + 1);

        http.put().uri("/api/libraries/{name}/current?requireEvaluation={id}", library, id)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("version", 0)).exchange()
                .expectStatus().isEqualTo(409).expectBody()
                .jsonPath("$.difference").isEqualTo(0.0)
                .jsonPath("$.lower").isEqualTo(0.0)
                .jsonPath("$.baseline").isEqualTo("none")
                .jsonPath("$.detail").value(d -> assertThat((String) d).contains("its lower bound is not above 0"));
        http.put().uri("/api/libraries/{name}/current?requireEvaluation={id}", library, UUID.randomUUID())
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("version", 0)).exchange().expectStatus().isNotFound();
    }

    @Test
    void anEvaluationCanBeCancelledAndKeepsWhatItStored() {
        UUID dataset = upload("samples/gsm8k-20.jsonl");
        String library = library("evalcancel");
        http.post().uri("/api/libraries").contentType(MediaType.APPLICATION_JSON).body(Map.of("name", library))
                .exchange().expectStatus().isCreated();
        String location = http.post().uri("/api/evaluations").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("datasetId", dataset, "library", library, "model", "slow", "k", 8))
                .exchange().expectStatus().isAccepted().returnResult(String.class).getResponseHeaders()
                .getLocation().toString();
        await().atMost(Duration.ofSeconds(30)).until(() -> http.get().uri(location).exchange()
                .returnResult(EvaluationView.class).getResponseBody().answers() >= 8);

        http.post().uri(location + "/cancel").exchange().expectStatus().isAccepted();
        await().atMost(Duration.ofSeconds(5)).until(() -> http.get().uri(location).exchange()
                .returnResult(EvaluationView.class).getResponseBody().status().equals("CANCELLED"));
        EvaluationView view = http.get().uri(location).exchange().returnResult(EvaluationView.class).getResponseBody();
        assertThat(view.answers()).isBetween(8L, view.totalAnswers() - 1);
        // it has finished: nothing is left to cancel
        http.post().uri(location + "/cancel").exchange().expectStatus().isEqualTo(409).expectBody()
                .jsonPath("$.type").isEqualTo("urn:tfgrpo:problem:evaluation-finished")
                .jsonPath("$.status").isEqualTo(409)
                .jsonPath("$.evaluationStatus").isEqualTo("CANCELLED");
    }

    @Test
    void anEvaluationStopsBeforeACallThatCouldPassItsBudget() {
        UUID dataset = upload("samples/gsm8k-20.jsonl");
        String library = library("evalbudget");
        http.post().uri("/api/libraries").contentType(MediaType.APPLICATION_JSON).body(Map.of("name", library))
                .exchange().expectStatus().isCreated();
        String location = http.post().uri("/api/evaluations").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("datasetId", dataset, "library", library, "model", "sim", "k", 4,
                        "budget", Map.of("maxTokens", 4000)))
                .exchange().expectStatus().isAccepted().returnResult(String.class).getResponseHeaders()
                .getLocation().toString();
        await().atMost(Duration.ofSeconds(30)).until(() -> http.get().uri(location).exchange()
                .returnResult(EvaluationView.class).getResponseBody().status().equals("FAILED"));
        EvaluationView view = http.get().uri(location).exchange().returnResult(EvaluationView.class).getResponseBody();
        assertThat(view.errorCode()).isEqualTo("BUDGET_EXCEEDED");
        // each call in flight reserves as much as the largest answer so far: only an answer larger than every
        // earlier one can take the run past the budget, by its excess over that estimate
        long used = count("select coalesce(sum(tokens), 0) from evaluation_item where evaluation_id = ?", view.id());
        long largest = count("select coalesce(max(tokens), 0) from evaluation_item where evaluation_id = ?", view.id());
        long smallest = count("select coalesce(min(tokens), 0) from evaluation_item where evaluation_id = ? and tokens > 0",
                view.id());
        assertThat(used).isLessThanOrEqualTo(4000 + 4 * (largest - smallest));
        assertThat(count("select count(*) from evaluation_item where evaluation_id = ?", view.id()))
                .as("it stopped well before the end").isLessThan(20 * 4 * 2);
    }

    @Autowired
    EvaluationStore store;

    @Autowired
    SchedulerClient scheduler;

    @Autowired
    CustomTask<Void> evaluationRunTask;

    /** As after a crash: answers already stored are reused, and only the missing ones are asked for. */
    @Test
    void aResumedEvaluationAsksOnlyForTheAnswersItDoesNotHave() {
        UUID dataset = upload("samples/gsm8k-20.jsonl");
        String library = library("evalresume");
        http.post().uri("/api/libraries").contentType(MediaType.APPLICATION_JSON).body(Map.of("name", library))
                .exchange().expectStatus().isCreated();
        UUID id = UUID.randomUUID();
        store.insert(id, new EvaluationConfig(dataset, library, List.of("none", "0"), "sim", 2, List.of(2), 0.3,
                io.tfgrpo.reward.VerifierSpec.math(), 7L, null, null));
        for (int item = 0; item < 20; item++) {
            store.saveAnswer(id, "none", item, 0, "stored \\boxed{1}", "1", 1.0, false, 10, java.math.BigDecimal.ZERO);
        }

        scheduler.scheduleIfNotExists(evaluationRunTask.instance(id.toString()), java.time.Instant.now());
        await().atMost(Duration.ofSeconds(60)).until(() -> store.find(id).orElseThrow().finished());

        assertThat(store.find(id).orElseThrow().status()).isEqualTo("SUCCEEDED");
        assertThat(store.answers(id)).hasSize(2 * 20 * 2);
        assertThat(count("select count(*) from llm_call where owner = ?", id.toString())).isEqualTo(2 * 20 * 2 - 20);
        assertThat(store.answers(id).stream().filter(a -> a.label().equals("none") && a.sample() == 0))
                .allSatisfy(a -> assertThat(a.tokens()).isEqualTo(10));
    }

    @Autowired
    EvaluationRunner runner;

    /** As on shutdown: the run stops between calls, is left to be run again, and then asks only for what it lacks. */
    @Test
    void anEvaluationStoppedByAShutdownResumesFromItsStoredAnswers() {
        UUID dataset = upload("samples/gsm8k-20.jsonl");
        String library = library("evalstop");
        http.post().uri("/api/libraries").contentType(MediaType.APPLICATION_JSON).body(Map.of("name", library))
                .exchange().expectStatus().isCreated();
        UUID id = UUID.randomUUID();
        store.insert(id, new EvaluationConfig(dataset, library, List.of("none", "0"), "sim", 2, List.of(2), 0.3,
                io.tfgrpo.reward.VerifierSpec.math(), 7L, null, null));

        assertThat(runner.run(id, "test", () -> count("select count(*) from evaluation_item where evaluation_id = ?", id) >= 10))
                .isEqualTo(io.tfgrpo.runs.RunOutcome.STOPPED);
        assertThat(count("select count(*) from evaluation_item where evaluation_id = ?", id)).isBetween(10L, 79L);
        assertThat(store.find(id).orElseThrow().finished()).isFalse();

        scheduler.scheduleIfNotExists(evaluationRunTask.instance(id.toString()), java.time.Instant.now());
        await().atMost(Duration.ofSeconds(60)).until(() -> store.find(id).orElseThrow().finished());
        assertThat(store.find(id).orElseThrow().status()).isEqualTo("SUCCEEDED");
        assertThat(store.answers(id)).hasSize(2 * 20 * 2);
        assertThat(count("select count(*) from llm_call where owner = ?", id.toString()))
                .as("each answer asked for once across both runs").isEqualTo(2 * 20 * 2);
    }

    @Test
    void badEvaluationsAreProblems() {
        UUID dataset = upload("samples/gsm8k-20.jsonl");
        String library = library("evalbad");
        http.post().uri("/api/libraries").contentType(MediaType.APPLICATION_JSON).body(Map.of("name", library))
                .exchange().expectStatus().isCreated();
        evaluate(Map.of("datasetId", dataset, "library", library, "versions", List.of("7"), "model", "sim"))
                .expectStatus().isNotFound();
        evaluate(Map.of("datasetId", dataset, "library", "no-such-library", "model", "sim")).expectStatus().isNotFound();
        evaluate(Map.of("datasetId", dataset, "library", library, "versions", List.of("latest"))).expectStatus()
                .isBadRequest().expectBody().jsonPath("$.field").isEqualTo("versions[0]");
        evaluate(Map.of("datasetId", dataset, "library", library, "model", "nope")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.field").isEqualTo("model");
        http.get().uri("/api/evaluations/{id}", UUID.randomUUID()).exchange().expectStatus().isNotFound();
    }

    @Test
    void evaluationsAreListedNewestFirstWithoutTheirFigures() {
        UUID dataset = upload("samples/gsm8k-20.jsonl");
        String library = library("evallist");
        http.post().uri("/api/libraries").contentType(MediaType.APPLICATION_JSON).body(Map.of("name", library))
                .exchange().expectStatus().isCreated();
        String first = evaluate(Map.of("datasetId", dataset, "library", library, "model", "sim", "samples", 2,
                "versions", List.of("none"))).expectStatus().isAccepted().returnResult(EvaluationView.class)
                .getResponseBody().id().toString();
        String second = evaluate(Map.of("datasetId", dataset, "library", library, "model", "sim", "samples", 3,
                "k", List.of(1, 3), "versions", List.of("none", "0"))).expectStatus().isAccepted()
                .returnResult(EvaluationView.class).getResponseBody().id().toString();
        await().atMost(Duration.ofSeconds(60)).until(() -> List.of(first, second).stream().allMatch(id -> http.get()
                .uri("/api/evaluations/{id}", id).exchange().returnResult(EvaluationView.class).getResponseBody()
                .status().equals("SUCCEEDED")));

        http.get().uri("/api/evaluations?size=2").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.content.length()").isEqualTo(2)
                .jsonPath("$.content[0].id").isEqualTo(second)
                .jsonPath("$.content[0].versions").isEqualTo(List.of("none", "0"))
                .jsonPath("$.content[0].samples").isEqualTo(3)
                .jsonPath("$.content[0].k").isEqualTo(List.of(1, 3))
                .jsonPath("$.content[0].answers").isEqualTo(2 * 20 * 3)
                .jsonPath("$.content[0].totalAnswers").isEqualTo(2 * 20 * 3)
                .jsonPath("$.content[0].meanAtK").doesNotExist()
                .jsonPath("$.content[1].id").isEqualTo(first)
                .jsonPath("$.content[1].answers").isEqualTo(20 * 2)
                .jsonPath("$.totalElements").value(total -> assertThat(((Number) total).longValue()).isGreaterThanOrEqualTo(2));
        http.get().uri("/api/evaluations?size=201").exchange().expectStatus().isBadRequest();
    }

    /** The run kernel's rule, as for training: what no retry mends ends the run at once, not as a pile of zeros. */
    @Test
    void anEvaluationWhoseModelRefusesTheKeyFailsAtOnce() {
        UUID dataset = upload("samples/gsm8k-20.jsonl");
        String library = library("evalrefused");
        http.post().uri("/api/libraries").contentType(MediaType.APPLICATION_JSON).body(Map.of("name", library))
                .exchange().expectStatus().isCreated();
        refused.resetRequests();
        String location = evaluate(Map.of("datasetId", dataset, "library", library, "model", "refused", "samples", 4,
                "versions", List.of("none"))).expectStatus().isAccepted().returnResult(String.class)
                .getResponseHeaders().getLocation().toString();
        await().atMost(Duration.ofSeconds(30)).until(() -> !http.get().uri(location).exchange()
                .returnResult(EvaluationView.class).getResponseBody().status().matches("QUEUED|RUNNING"));

        EvaluationView view = http.get().uri(location).exchange().returnResult(EvaluationView.class).getResponseBody();
        assertThat(view.status()).isEqualTo("FAILED");
        assertThat(view.errorCode()).isEqualTo("MODEL_KEY_REFUSED");
        assertThat(view.error()).contains("refused its API key (HTTP 401)");
        assertThat(refused.getAllServeEvents()).as("at most the calls in flight when the first was refused, of 80")
                .hasSizeLessThanOrEqualTo(2);
    }

    private org.springframework.test.web.servlet.client.RestTestClient.ResponseSpec evaluate(Map<String, Object> body) {
        return http.post().uri("/api/evaluations").contentType(MediaType.APPLICATION_JSON).body(body).exchange();
    }
}
