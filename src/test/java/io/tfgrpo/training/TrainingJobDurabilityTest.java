package io.tfgrpo.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;

import io.tfgrpo.library.Libraries;
import io.tfgrpo.runs.RunStatus;

/** Resume after a stop mid-step, cancel, budgets, and the edge cases of the method. */
class TrainingJobDurabilityTest extends TrainingTest {

    @Autowired
    JobStore jobs;

    @Autowired
    JobRunner runner;

    @Autowired
    SchedulerClient scheduler;

    @Autowired
    CustomTask<Void> trainingJobTask;

    @Autowired
    Libraries libraries;

    @Test
    void aJobStoppedMidStepResumesWithoutRepeatingStoredCalls() {
        UUID dataset = upload("samples/gsm8k-20.jsonl");
        String library = library("resume");
        libraries.getOrCreate(library, null);
        JobConfig config = JobConfig.of(new StartTrainingJob(dataset, library, "sim", "sim", 4, 1, null, null, null,
                null, null, null, null, null, null, 7L, null), 20, null);
        UUID id = UUID.randomUUID();
        jobs.insert(id, config, 0, 1, null);
        simulator.resetJournal();

        // the first worker stops (as on shutdown) once 30 of the step's 80 rollouts are stored
        assertThat(runner.run(id, "first-worker",
                () -> count("select count(*) from rollout where job_id = ?", id) >= 30))
                .as("the job is left for another instance").isEqualTo(io.tfgrpo.runs.RunOutcome.STOPPED);
        long storedAtStop = count("select count(*) from rollout where job_id = ?", id);
        assertThat(storedAtStop).isBetween(30L, 79L);
        assertThat(jobs.find(id).orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
        assertThat(count("select count(*) from training_step where job_id = ?", id)).isZero();

        scheduler.scheduleIfNotExists(trainingJobTask.instance(id.toString()), Instant.now());
        await().atMost(Duration.ofSeconds(60)).until(() -> jobs.find(id).orElseThrow().status().finished());

        JobStore.Job job = jobs.find(id).orElseThrow();
        assertThat(job.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(job.leaseEpoch()).isEqualTo(2);
        assertThat(count("select count(*) from training_step where job_id = ?", id)).isEqualTo(1);
        assertThat(count("select count(*) from rollout where job_id = ?", id)).isEqualTo(80);
        // every rollout was asked for exactly once across both workers, and no call at all was made twice
        assertThat(simulator.journal().purpose("rollout")).isEqualTo(80);
        assertThat(simulator.journal().repeatedRequests()).isZero();
    }

    @Test
    void cancellingStopsARunningJobWithinSeconds() {
        UUID dataset = upload("samples/gsm8k-20.jsonl");
        UUID id = startedJob(Map.of("datasetId", dataset, "library", library("cancel"), "rolloutModel", "slow",
                "distillModel", "slow", "groupSize", 4, "epochs", 3));
        await().atMost(Duration.ofSeconds(30)).until(() -> count("select count(*) from rollout where job_id = ?", id) > 8);

        http.post().uri("/api/training-jobs/{id}/cancel", id).exchange().expectStatus().isAccepted().expectBody()
                .jsonPath("$.cancelRequested").isEqualTo(true);
        await().atMost(Duration.ofSeconds(5)).until(() -> jobs.find(id).orElseThrow().status().finished());

        http.get().uri("/api/training-jobs/{id}", id).exchange().expectBody()
                .jsonPath("$.status").isEqualTo("CANCELLED")
                .jsonPath("$.errorCode").isEqualTo("CANCELLED");
        assertThat(count("select count(*) from rollout where job_id = ?", id)).isLessThan(20 * 4);
    }

    @Test
    void aJobStopsBeforeACallThatWouldPassItsBudget() {
        UUID dataset = upload("samples/gsm8k-20.jsonl");
        UUID id = startedJob(Map.of("datasetId", dataset, "library", library("budget"), "rolloutModel", "sim",
                "distillModel", "sim", "groupSize", 2, "epochs", 1, "budget", Map.of("maxTokens", 3000)));
        await().atMost(Duration.ofSeconds(30)).until(() -> jobs.find(id).orElseThrow().status().finished());

        http.get().uri("/api/training-jobs/{id}", id).exchange().expectBody()
                .jsonPath("$.status").isEqualTo("FAILED")
                .jsonPath("$.errorCode").isEqualTo("BUDGET_EXCEEDED")
                .jsonPath("$.tokens").value(t -> assertThat(((Number) t).longValue()).isLessThanOrEqualTo(3000));
    }

    @Test
    void groupsWithoutSignalAreSkippedAndMakeNoVersion() {
        // answers the simulator never gives: every reward is 0, every group uniform
        StringBuilder jsonl = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            jsonl.append("{\"id\": \"u").append(i).append("\", \"problem\": \"Unknown problem ").append(i)
                    .append(": what is x?\", \"answer\": \"-123456\"}\n");
        }
        String library = library("uniform");
        UUID id = startedJob(Map.of("datasetId", uploadText(jsonl.toString()), "library", library, "rolloutModel", "sim",
                "distillModel", "sim", "groupSize", 3, "epochs", 1));
        await().atMost(Duration.ofSeconds(30)).until(() -> jobs.find(id).orElseThrow().status().finished());

        http.get().uri("/api/training-jobs/{id}", id).exchange().expectBody()
                .jsonPath("$.status").isEqualTo("SUCCEEDED")
                .jsonPath("$.steps[0].groupsSkipped").isEqualTo(6)
                .jsonPath("$.steps[0].groupsLearned").isEqualTo(0)
                .jsonPath("$.steps[0].libraryVersion").doesNotExist()
                .jsonPath("$.versions.length()").isEqualTo(0);
        http.get().uri("/api/libraries/{name}", library).exchange().expectBody().jsonPath("$.latestVersion").isEqualTo(0);
    }

    @Test
    void aStepWhoseDistillationMostlyStaysMalformedFailsTheJob() {
        UUID dataset = upload("samples/gsm8k-20.jsonl");
        UUID id = startedJob(Map.of("datasetId", dataset, "library", library("garbled"), "rolloutModel", "sim",
                "distillModel", "garbled", "groupSize", 4, "epochs", 1));
        await().atMost(Duration.ofSeconds(30)).until(() -> jobs.find(id).orElseThrow().status().finished());

        // every group fails, more than tfgrpo.training.max-failed-share (0.5) of them
        http.get().uri("/api/training-jobs/{id}", id).exchange().expectBody()
                .jsonPath("$.status").isEqualTo("FAILED")
                .jsonPath("$.errorCode").isEqualTo("DISTILLATION_FAILED")
                .jsonPath("$.error").value(e -> assertThat((String) e).contains("more than "
                        + "tfgrpo.training.max-failed-share (0.5)").contains("did not return valid JSON"))
                .jsonPath("$.completedSteps").isEqualTo(0)
                .jsonPath("$.versions.length()").isEqualTo(0);
        List<String> failures = jdbc.queryForList("select failure from group_result where job_id = ?", String.class, id);
        assertThat(failures).isNotEmpty().allSatisfy(f -> assertThat(f).contains("did not return valid JSON"));
        assertThat(count("select count(*) from llm_call where owner = ? and outcome = 'PARSE_FAILED'", id.toString()))
                .isGreaterThanOrEqualTo(2L * failures.size());
    }

    @Test
    void aStaleWorkerCannotCommitAfterAnotherTookTheJobOver() {
        UUID dataset = upload("samples/gsm8k-20.jsonl");
        JobConfig config = JobConfig.of(new StartTrainingJob(dataset, library("fence"), "sim", "sim", 2, 1, null, null,
                null, null, null, null, null, null, null, 3L, null), 20, null);
        UUID id = UUID.randomUUID();
        jobs.insert(id, config, 0, 1, null);

        long stale = jobs.runs().claim(id, "paused-worker").orElseThrow();
        long current = jobs.runs().claim(id, "new-worker").orElseThrow();

        assertThat(current).isEqualTo(stale + 1);
        assertThat(jobs.advance(id, stale, 0)).as("the paused worker's commit").isFalse();
        assertThat(jobs.runs().finish(id, stale, RunStatus.FAILED, "X", "stale")).isFalse();
        assertThat(jobs.advance(id, current, 0)).isTrue();
        assertThat(jobs.advance(id, current, 0)).as("a step is committed once").isFalse();
        assertThat(jobs.find(id).orElseThrow().nextStep()).isEqualTo(1);
    }

    @Test
    void aModelThatKeepsFailingFailsTheJobWithTheCause() {
        UUID dataset = uploadText("{\"id\": \"a\", \"problem\": \"1+1?\", \"answer\": \"2\"}\n"
                + "{\"id\": \"b\", \"problem\": \"2+2?\", \"answer\": \"4\"}\n");
        UUID id = startedJob(Map.of("datasetId", dataset, "library", library("dead"), "rolloutModel", "dead",
                "distillModel", "dead", "groupSize", 1, "epochs", 1));
        await().atMost(Duration.ofSeconds(30)).until(() -> jobs.find(id).orElseThrow().status().finished());

        http.get().uri("/api/training-jobs/{id}", id).exchange().expectBody()
                .jsonPath("$.status").isEqualTo("FAILED")
                .jsonPath("$.errorCode").isEqualTo("MODEL_FAILED")
                .jsonPath("$.error").value(e -> assertThat((String) e).contains("Model profile 'dead' failed")
                        .contains("after 4 attempts"));
    }

    @Test
    void groundTruthFreeJobsLearnFromTheMajorityAndNeverMentionAReference() {
        StringBuilder jsonl = new StringBuilder();
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("samples/gsm8k-20.jsonl"))) {
                jsonl.append(line.replaceAll(",\\s*\"answer\":\\s*\"[^\"]*\"", "")).append('\n');
            }
        }
        catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        UUID dataset = uploadText(jsonl.toString());
        http.get().uri("/api/datasets/{id}", dataset).exchange().expectBody().jsonPath("$.answeredCount").isEqualTo(0);
        simulator.resetJournal();
        UUID id = startedJob(Map.of("datasetId", dataset, "library", library("gtfree"), "rolloutModel", "sim",
                "distillModel", "sim", "groupSize", 4, "epochs", 1, "groundTruthFree", true));
        await().atMost(Duration.ofSeconds(60)).until(() -> jobs.find(id).orElseThrow().status().finished());

        http.get().uri("/api/training-jobs/{id}", id).exchange().expectBody()
                .jsonPath("$.status").isEqualTo("SUCCEEDED")
                .jsonPath("$.steps[0].groupsLearned").value(n -> assertThat((Integer) n).isPositive());
        assertThat(simulator.journal().recent()).isNotEmpty().allSatisfy(request -> assertThat(request.messages())
                .noneMatch(message -> message.content().contains("Reference answer")));
    }
}
