package io.tfgrpo.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import io.tfgrpo.simulator.LlmSimulator;

/**
 * Rewards are honest: a rollout that failed or was cut off is no answer and no lesson, a judge or a webhook scores
 * problems that have no reference answer, a verifier that needs one is refused at start, and the judge's calls
 * are the job's calls (its budget, its tokens).
 */
class HonestRewardsTest extends TrainingTest {

    @Test
    void failedAndTruncatedRolloutsAreCountedAndTakeNoPartInTheirGroup() throws Exception {
        UUID dataset = upload("samples/gsm8k-20.jsonl");
        UUID id = startedJob(Map.of("datasetId", dataset, "library", library("lossy"), "rolloutModel", "lossy",
                "distillModel", "sim", "groupSize", 3, "epochs", 1, "seed", 3));
        List<String> events = events(id);
        assertThat(events.getLast()).startsWith("done").contains("SUCCEEDED");

        long failed = count("select count(*) from rollout where job_id = ? and failed", id);
        long truncated = count("select count(*) from rollout where job_id = ? and truncated", id);
        assertThat(failed).as("the simulator fails a quarter of the requests for good").isPositive();
        assertThat(truncated).as("and cuts a quarter of the answers off").isPositive();
        Map<String, Object> step = firstStep(id);
        assertThat(step).containsEntry("rolloutsFailed", (int) failed).containsEntry("rolloutsTruncated", (int) truncated);
        assertThat(events.stream().filter(e -> e.startsWith("step")).findFirst().orElseThrow())
                .contains("\"rolloutsFailed\":" + failed).contains("\"rolloutsTruncated\":" + truncated);
        // the rollouts page says which ones
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> page = (List<Map<String, Object>>) http.get()
                .uri("/api/training-jobs/{id}/rollouts?size=100", id).exchange().returnResult(Map.class)
                .getResponseBody().get("content");
        assertThat(page).hasSize(60).filteredOn(r -> Boolean.TRUE.equals(r.get("truncated"))).hasSize((int) truncated)
                .allSatisfy(r -> assertThat(r.get("reward")).isNull());

        // no answer, no reward, no summary: they are out of their group
        assertThat(count("select count(*) from rollout where job_id = ? and (failed or truncated) "
                + "and (reward is not null or summary is not null)", id)).isZero();
        assertThat(((Number) step.get("meanReward")).doubleValue()).isCloseTo(jdbc.queryForObject(
                "select avg(reward) from rollout "
                + "where job_id = ? and not failed and not truncated", Double.class, id), org.assertj.core.data.Offset
                .offset(1e-9));

        // a group left with fewer than 2 answers is skipped: no summary, advantage or update call for it
        List<Integer> loners = jdbc.queryForList("select item from rollout where job_id = ? group by item "
                + "having count(*) filter (where not failed and not truncated) < 2", Integer.class, id);
        assertThat(loners).as("groups left with one answer or none").isNotEmpty();
        for (int item : loners) {
            assertThat(count("select count(*) from group_result where job_id = ? and item = ?", id, item)).isZero();
            assertThat(count("select count(*) from rollout where job_id = ? and item = ? and summary is not null",
                    id, item)).isZero();
        }
        long learned = count("select count(*) from group_result where job_id = ? and failure is null", id);
        assertThat(step.get("groupsLearned")).isEqualTo((int) learned);
        assertThat((int) step.get("groupsSkipped")).isGreaterThanOrEqualTo(loners.size());
        System.out.printf("HonestRewardsTest: of 60 rollouts %d failed and %d were cut off; %d of 20 groups were left "
                + "with fewer than 2 answers; %d groups learned, %d skipped%n", failed, truncated, loners.size(), learned,
                step.get("groupsSkipped"));
        assertThat(count("select count(*) from llm_call where owner = ? and purpose = 'SUMMARY' and outcome = 'OK'",
                id.toString())).isEqualTo(count("select count(*) from rollout where job_id = ? and summary is not null",
                        id));
    }

    @Test
    void withOneRolloutPerProblemAProblemWhoseRolloutIsNoAnswerIsSkipped() {
        UUID dataset = upload("samples/gsm8k-20.jsonl");
        UUID id = finishedJob(Map.of("datasetId", dataset, "library", library("lossy-one"), "rolloutModel", "lossy",
                "distillModel", "sim", "groupSize", 1, "epochs", 1, "seed", 4));

        assertThat(count("select count(*) from rollout where job_id = ? and failed", id)).isPositive();
        assertThat(count("select count(*) from rollout where job_id = ? and truncated", id)).isPositive();
        long unusable = count("select count(*) from rollout where job_id = ? and (failed or truncated)", id);
        http.get().uri("/api/training-jobs/{id}", id).exchange().expectBody()
                .jsonPath("$.status").isEqualTo("SUCCEEDED")
                .jsonPath("$.steps[0].groupsSkipped").isEqualTo((int) unusable)
                .jsonPath("$.steps[0].groupsLearned").isEqualTo((int) (20 - unusable - count(
                        "select count(*) from group_result where job_id = ? and failure is not null", id)));
        assertThat(count("select count(*) from group_result g join rollout r using (job_id, step, item) "
                + "where g.job_id = ? and (r.failed or r.truncated)", id)).isZero();
    }

    @Test
    void aJudgeScoresProblemsWithoutAnswersAndIsShownNoReference() {
        UUID dataset = uploadText(withoutAnswers(6));
        simulator.resetJournal();
        UUID id = finishedJob(Map.of("datasetId", dataset, "library", library("judged"), "rolloutModel", "sim",
                "distillModel", "sim", "groupSize", 2, "epochs", 1,
                "verifier", Map.of("type", "llm-judge", "profile", "sim")));

        http.get().uri("/api/training-jobs/{id}", id).exchange().expectBody().jsonPath("$.status").isEqualTo("SUCCEEDED");
        assertThat(count("select count(*) from rollout where job_id = ? and reward = 1", id))
                .as("the judge's verdicts, not a silent 0 for every answer").isPositive();
        assertThat(count("select count(*) from llm_call where owner = ? and purpose = 'JUDGE'", id.toString()))
                .isEqualTo(12);
        List<String> judgePrompts = simulator.journal().recent().stream().flatMap(r -> r.messages().stream())
                .map(LlmSimulator.Journal.Message::content).filter(c -> c.startsWith("You are grading")).toList();
        assertThat(judgePrompts).hasSize(12).allSatisfy(prompt -> assertThat(prompt)
                .doesNotContain("Reference answer").contains("no model solution").contains("CORRECT"));
        // the judge's calls are the job's: its steps' tokens add up to what the ledger holds for it
        Map<?, ?> job = http.get().uri("/api/training-jobs/{id}", id).exchange().returnResult(Map.class)
                .getResponseBody();
        assertThat(((List<?>) job.get("steps")).stream().mapToLong(step -> ((Number) ((Map<?, ?>) step)
                .get("tokens")).longValue()).sum()).isEqualTo(((Number) job.get("tokens")).longValue());
    }

    @Test
    void aBudgetStopsAJudgeHeavyJob() {
        UUID dataset = upload("samples/gsm8k-20.jsonl");
        // some 5,000 tokens a judge call, 40 rollouts of some 150 tokens each
        String rubric = "Full marks for a correct final answer. ".repeat(500);
        UUID id = finishedJob(Map.of("datasetId", dataset, "library", library("judge-budget"), "rolloutModel", "sim",
                "distillModel", "sim", "groupSize", 2, "epochs", 1, "budget", Map.of("maxTokens", 15_000),
                "verifier", Map.of("type", "llm-judge", "profile", "sim", "rubric", rubric)));

        http.get().uri("/api/training-jobs/{id}", id).exchange().expectBody()
                .jsonPath("$.status").isEqualTo("FAILED")
                .jsonPath("$.errorCode").isEqualTo("BUDGET_EXCEEDED");
        assertThat(count("select count(*) from llm_call where owner = ? and purpose = 'JUDGE'", id.toString()))
                .as("the guard stopped the judge long before it had judged all 40 answers").isLessThan(10);
        System.out.printf("HonestRewardsTest: a 15,000-token budget stopped the job after %d judge calls, %d tokens "
                + "in all%n", count("select count(*) from llm_call where owner = ? and purpose = 'JUDGE'", id.toString()),
                count("select coalesce(sum(prompt_tokens + completion_tokens), 0) from llm_call where owner = ?",
                        id.toString()));
    }

    @Test
    void aDryRunCountsTheJudgesCalls() {
        UUID dataset = upload("samples/gsm8k-20.jsonl");
        Map<String, Object> math = Map.of("datasetId", dataset, "library", "planned", "rolloutModel", "sim",
                "distillModel", "sim", "groupSize", 2, "epochs", 1);
        Map<String, Object> judged = new java.util.HashMap<>(math);
        judged.put("verifier", Map.of("type", "llm-judge", "profile", "sim"));

        Map<?, ?> withoutJudge = plan(math);
        Map<?, ?> withJudge = plan(judged);

        assertThat(withoutJudge.get("judgeCalls")).isEqualTo(0);
        assertThat(withJudge.get("judgeCalls")).isEqualTo(40);
        assertThat(((Number) withJudge.get("estimatedTokens")).longValue())
                .isGreaterThan(((Number) withoutJudge.get("estimatedTokens")).longValue() + 40 * 400);
    }

    private Map<?, ?> plan(Map<String, Object> request) {
        return http.post().uri("/api/training-jobs/plan").contentType(MediaType.APPLICATION_JSON).body(request)
                .exchange().expectStatus().isOk().returnResult(Map.class).getResponseBody();
    }

    @Test
    void aVerifierThatNeedsAnswersIsRefusedOnADatasetWithoutThem() {
        UUID dataset = uploadText(withoutAnswers(3));
        for (Map<String, Object> verifier : List.<Map<String, Object>>of(Map.of("type", "math"),
                Map.of("type", "exact"), Map.of("type", "regex", "pattern", "Answer: (?<answer>\\d+)"))) {
            Map<String, Object> request = Map.of("datasetId", dataset, "library", "no-answers", "rolloutModel",
                    "sim", "distillModel", "sim", "verifier", verifier);
            for (String path : new String[] { "/api/training-jobs", "/api/training-jobs/plan" }) {
                http.post().uri(path).contentType(MediaType.APPLICATION_JSON).body(request).exchange()
                        .expectStatus().isBadRequest().expectBody()
                        .jsonPath("$.field").isEqualTo("datasetId")
                        .jsonPath("$.detail").value(d -> assertThat((String) d)
                                .contains("3 of the dataset's 3 problems have no answer")
                                .contains("the " + verifier.get("type") + " verifier needs one")
                                .contains("groundTruthFree"));
            }
        }
        // those that score without one may start, and so may a regex that only looks for a pattern
        for (Map<String, Object> verifier : List.<Map<String, Object>>of(Map.of("type", "llm-judge", "profile", "sim"),
                Map.of("type", "regex", "pattern", "\\\\boxed"))) {
            http.post().uri("/api/training-jobs/plan").contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("datasetId", dataset, "library", "no-answers", "rolloutModel", "sim", "distillModel",
                            "sim", "verifier", verifier))
                    .exchange().expectStatus().isOk();
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> firstStep(UUID id) {
        List<Map<String, Object>> steps = (List<Map<String, Object>>) http.get().uri("/api/training-jobs/{id}", id)
                .exchange().expectStatus().isOk().returnResult(Map.class).getResponseBody().get("steps");
        return steps.getFirst();
    }

    private UUID finishedJob(Map<String, Object> body) {
        UUID id = startedJob(body);
        await().atMost(Duration.ofSeconds(90)).until(() -> {
            String status = jdbc.queryForObject("select status from training_job where id = ?", String.class, id);
            return !status.equals("QUEUED") && !status.equals("RUNNING");
        });
        return id;
    }

    /** The first {@code n} sample problems without their answers. */
    private static String withoutAnswers(int n) {
        try {
            StringBuilder jsonl = new StringBuilder();
            Files.readAllLines(Path.of("samples/gsm8k-20.jsonl")).stream().limit(n).forEach(line -> jsonl
                    .append(line.replaceAll(",\\s*\"answer\":\\s*\"[^\"]*\"", "")).append('\n'));
            return jsonl.toString();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The job's progress stream from its start to its end, each event as "name data". */
    private List<String> events(UUID job) throws Exception {
        HttpResponse<java.util.stream.Stream<String>> response = HttpClient.newHttpClient().send(HttpRequest
                .newBuilder(URI.create("http://localhost:" + port + "/api/training-jobs/" + job + "/events"))
                .header("Authorization", BEARER).timeout(Duration.ofMinutes(2)).build(),
                HttpResponse.BodyHandlers.ofLines());
        List<String> events = new java.util.ArrayList<>();
        String[] name = { null };
        response.body().forEach(line -> {
            if (line.startsWith("event:")) {
                name[0] = line.substring(6).strip();
            }
            else if (line.startsWith("data:")) {
                events.add(name[0] + " " + line.substring(5).strip());
            }
        });
        return events;
    }
}
