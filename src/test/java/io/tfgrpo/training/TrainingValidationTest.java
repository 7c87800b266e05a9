package io.tfgrpo.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import io.tfgrpo.library.ExperienceOperation;
import io.tfgrpo.library.Libraries;
import io.tfgrpo.library.LibraryVersions;
import io.tfgrpo.library.VersionOrigin;
import io.tfgrpo.runs.LeaseLost;
import io.tfgrpo.runs.RunStatus;

/** A job's last version is promoted only when its validation evaluation shows it beating the starting version. */
class TrainingValidationTest extends TrainingTest {

    @Autowired
    JobStore jobs;

    @Autowired
    PromotionDecision promotion;

    @Autowired
    Libraries libraries;

    @Autowired
    LibraryVersions versions;

    @Test
    void aVersionThatBeatsTheStartIsPromoted() {
        UUID dataset = upload("samples/gsm8k-20.jsonl");
        String library = library("gate-pass");
        UUID id = startedJob(Map.of("datasetId", dataset, "library", library, "rolloutModel", "sim", "distillModel", "sim",
                "groupSize", 2, "epochs", 1, "validation", Map.of("datasetId", dataset, "k", 4)));
        await().atMost(Duration.ofSeconds(60)).until(() -> jobs.find(id).orElseThrow().status().finished());

        JobStore.Job job = jobs.find(id).orElseThrow();
        assertThat(job.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(job.promotion().reason()).startsWith("promoted version 1 vs version 0")
                .contains("the lower bound is above 0");
        assertThat(job.promotion().promoted()).isTrue();
        assertThat(job.promotion().version()).isEqualTo(1);
        assertThat(job.promotion().served()).isEqualTo(1);
        assertThat(job.promotion().evaluationId()).isEqualTo(job.validationEvaluation());
        assertThat(job.promotion().lower()).isPositive().isLessThanOrEqualTo(job.promotion().difference());
        assertThat(job.promotion().upper()).isGreaterThanOrEqualTo(job.promotion().difference());
        assertThat(job.promotion().promoteWith()).isNull();
        assertThat(job.validationEvaluation()).isNotNull();
        http.get().uri("/api/libraries/{name}", library).exchange().expectBody().jsonPath("$.currentVersion").isEqualTo(1);
        http.get().uri("/api/evaluations/{id}", job.validationEvaluation()).exchange().expectBody()
                .jsonPath("$.status").isEqualTo("SUCCEEDED")
                .jsonPath("$.versions[0].version").isEqualTo("0")
                .jsonPath("$.versions[1].version").isEqualTo("1");
        http.get().uri("/api/training-jobs/{id}", id).exchange().expectBody()
                .jsonPath("$.promotion.promoted").isEqualTo(true)
                .jsonPath("$.promotion.reason").value(p -> assertThat((String) p).startsWith("promoted"))
                .jsonPath("$.promotion.evaluationId").isEqualTo(job.validationEvaluation().toString())
                .jsonPath("$.validationEvaluationId").isEqualTo(job.validationEvaluation().toString());
    }

    @Test
    void aVersionThatDoesNotBeatTheBarIsKeptOutOfService() {
        UUID dataset = upload("samples/gsm8k-20.jsonl");
        String library = library("gate-keep");
        UUID id = startedJob(Map.of("datasetId", dataset, "library", library, "rolloutModel", "sim", "distillModel", "sim",
                "groupSize", 2, "epochs", 1, "validation", Map.of("datasetId", dataset, "k", 2, "minImprovement", 0.9)));
        await().atMost(Duration.ofSeconds(60)).until(() -> jobs.find(id).orElseThrow().status().finished());

        JobStore.Job job = jobs.find(id).orElseThrow();
        assertThat(job.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(job.promotion().reason()).startsWith("kept version 0 current")
                .contains("the lower bound is not above 0.9");
        assertThat(job.promotion().promoted()).isFalse();
        assertThat(job.promotion().served()).isZero();
        assertThat(job.promotion().lower()).isLessThanOrEqualTo(0.9);
        assertThat(job.promotion().promoteWith()).isEqualTo("PUT /api/libraries/" + library + "/current {\"version\": 1}");
        http.get().uri("/api/libraries/{name}", library).exchange().expectBody()
                .jsonPath("$.currentVersion").isEqualTo(0)
                .jsonPath("$.latestVersion").isEqualTo(1);

        // the next job starts from the served version 0, not the latest, and still commits: a sibling of version 1
        UUID next = startedJob(Map.of("datasetId", dataset, "library", library, "rolloutModel", "sim",
                "distillModel", "sim", "groupSize", 4, "batchSize", 10, "epochs", 1, "seed", 9));
        await().atMost(Duration.ofSeconds(60)).until(() -> jobs.find(next).orElseThrow().status().finished());
        assertThat(jobs.find(next).orElseThrow().status()).as("%s", jobs.find(next).orElseThrow())
                .isEqualTo(RunStatus.SUCCEEDED);
        List<Integer> committed = jdbc.queryForList("select library_version from training_step where job_id = ? "
                + "and library_version is not null order by step", Integer.class, next);
        assertThat(committed).isNotEmpty().first().isEqualTo(2);
        http.get().uri("/api/libraries/{name}/versions/2", library).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.jobId").isEqualTo(next.toString())
                .jsonPath("$.parentVersion").isEqualTo(0);
    }

    @Test
    void anOperatorsRollbackDuringValidationWins() {
        UUID dataset = upload("samples/gsm8k-20.jsonl");
        String library = library("gate-rollback");
        libraries.getOrCreate(library, null);
        // version 2, served when the job starts, is as empty as version 0, so the job trains as from scratch
        versions.commit(library, 0, List.of(ExperienceOperation.add("Check the units of the answer.")),
                VersionOrigin.manual("tried"), Map.of("source", "manual"), false);
        versions.commit(library, 1, List.of(ExperienceOperation.delete("E1")), VersionOrigin.manual("undone"),
                Map.of("source", "manual"), true);
        // the slow model answers in 100 ms: the validation's 160 answers take seconds, time enough to roll back
        UUID id = startedJob(Map.of("datasetId", dataset, "library", library, "rolloutModel", "slow",
                "distillModel", "sim", "groupSize", 2, "epochs", 1,
                "validation", Map.of("datasetId", dataset, "k", 4, "minImprovement", -1)));
        await().atMost(Duration.ofSeconds(60)).until(() -> jobs.find(id).orElseThrow().validationEvaluation() != null
                || jobs.find(id).orElseThrow().status().finished());
        assertThat(jobs.find(id).orElseThrow().status()).as("%s", jobs.find(id).orElseThrow())
                .isEqualTo(RunStatus.RUNNING);
        http.put().uri("/api/libraries/{name}/current", library).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("version", 0)).exchange().expectStatus().isOk();
        await().atMost(Duration.ofSeconds(60)).until(() -> jobs.find(id).orElseThrow().status().finished());

        JobStore.Job job = jobs.find(id).orElseThrow();
        assertThat(job.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(job.promotion().reason()).startsWith("not promoted: the served version changed from 2 to 0 during the job; "
                + "version 3 vs version 2: ");
        http.get().uri("/api/libraries/{name}", library).exchange().expectBody()
                .jsonPath("$.currentVersion").isEqualTo(0)
                .jsonPath("$.latestVersion").isEqualTo(3);
    }

    @Test
    void aWorkerThatLostItsLeaseCannotPromote() {
        UUID dataset = upload("samples/gsm8k-20.jsonl");
        String library = library("gate-fence");
        libraries.getOrCreate(library, null);
        versions.commit(library, 0, List.of(ExperienceOperation.add("Check the units of the answer.")),
                VersionOrigin.manual("what the job committed"), Map.of("source", "manual"), false);
        UUID id = UUID.randomUUID();
        jobs.insert(id, JobConfig.of(new StartTrainingJob(dataset, library, "sim", "sim", 2, 1, null, null, null, null,
                null, null, null, null, null, 3L, null), 20, null), 0, 1, null);
        jobs.runs().claim(id, "paused-worker");
        JobStore.Job stale = jobs.find(id).orElseThrow();
        jobs.runs().claim(id, "new-worker");
        JobStore.Job current = jobs.find(id).orElseThrow();

        assertThatThrownBy(() -> promotion.conclude(stale, PromotionDecision.Verdict.promote(1, "version 1 (stale)")))
                .isInstanceOf(LeaseLost.class);
        assertThat(libraries.get(library).currentVersion()).as("nothing promoted").isZero();
        assertThat(jobs.find(id).orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
        assertThat(jobs.find(id).orElseThrow().promotion()).isNull();

        promotion.conclude(current, PromotionDecision.Verdict.promote(1, "version 1 (current)"));
        assertThat(libraries.get(library).currentVersion()).isEqualTo(1);
        assertThat(jobs.find(id).orElseThrow().promotion().reason()).isEqualTo("promoted version 1 (current)");
        assertThat(jobs.find(id).orElseThrow().status()).isEqualTo(RunStatus.SUCCEEDED);
    }

    @Test
    void aValidationPastItsTimeoutEndsTheJobWithoutPromoting() {
        UUID dataset = upload("samples/gsm8k-20.jsonl");
        String library = library("gate-timeout");
        // 16 answers per problem and version from the slow model: the validation would take many seconds
        UUID id = startedJob(Map.of("datasetId", dataset, "library", library, "rolloutModel", "slow",
                "distillModel", "sim", "groupSize", 2, "epochs", 1,
                "validation", Map.of("datasetId", dataset, "k", 16, "minImprovement", -1)));
        await().atMost(Duration.ofSeconds(60)).until(() -> jobs.find(id).orElseThrow().validationEvaluation() != null);
        UUID evaluation = jobs.find(id).orElseThrow().validationEvaluation();
        // as if the evaluation had been going on (or queued) for longer than the 30 minutes the job waits
        jdbc.update("update evaluation set created_at = created_at - interval '31 minutes' where id = ?", evaluation);
        await().atMost(Duration.ofSeconds(30)).until(() -> jobs.find(id).orElseThrow().status().finished());

        JobStore.Job job = jobs.find(id).orElseThrow();
        assertThat(job.status()).isEqualTo(RunStatus.FAILED);
        assertThat(job.errorCode()).isEqualTo("VALIDATION_TIMEOUT");
        assertThat(job.error()).isEqualTo("The validation evaluation " + evaluation + " did not end within 30m "
                + "(tfgrpo.training.validation-timeout); it was cancelled and version 1 was not promoted");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> http.get().uri("/api/evaluations/{id}", evaluation)
                .exchange().expectBody().jsonPath("$.status").isEqualTo("CANCELLED"));
        http.get().uri("/api/libraries/{name}", library).exchange().expectBody().jsonPath("$.currentVersion")
                .isEqualTo(0);
    }
}
