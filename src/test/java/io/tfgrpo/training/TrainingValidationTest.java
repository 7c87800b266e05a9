package io.tfgrpo.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A job's last version is promoted only when its validation evaluation shows it beating the starting version. */
class TrainingValidationTest extends TrainingTest {

    @Autowired
    JobStore jobs;

    @Test
    void aVersionThatBeatsTheStartIsPromoted() {
        UUID dataset = upload("samples/gsm8k-20.jsonl");
        String library = library("gate-pass");
        UUID id = startedJob(Map.of("datasetId", dataset, "library", library, "rolloutModel", "sim", "distillModel", "sim",
                "groupSize", 2, "epochs", 1, "validation", Map.of("datasetId", dataset, "k", 4)));
        await().atMost(Duration.ofSeconds(60)).until(() -> jobs.find(id).orElseThrow().status().finished());

        JobStore.Job job = jobs.find(id).orElseThrow();
        assertThat(job.status()).isEqualTo(JobStore.Status.SUCCEEDED);
        assertThat(job.promotion()).startsWith("promoted version 1 vs version 0").contains("the lower bound is above 0");
        assertThat(job.validationEvaluation()).isNotNull();
        http.get().uri("/api/libraries/{name}", library).exchange().expectBody().jsonPath("$.currentVersion").isEqualTo(1);
        http.get().uri("/api/evaluations/{id}", job.validationEvaluation()).exchange().expectBody()
                .jsonPath("$.status").isEqualTo("SUCCEEDED")
                .jsonPath("$.versions[0].version").isEqualTo("0")
                .jsonPath("$.versions[1].version").isEqualTo("1");
        http.get().uri("/api/training-jobs/{id}", id).exchange().expectBody()
                .jsonPath("$.promotion").value(p -> assertThat((String) p).startsWith("promoted"))
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
        assertThat(job.status()).isEqualTo(JobStore.Status.SUCCEEDED);
        assertThat(job.promotion()).startsWith("kept version 0 current").contains("the lower bound is not above 0.9");
        http.get().uri("/api/libraries/{name}", library).exchange().expectBody()
                .jsonPath("$.currentVersion").isEqualTo(0)
                .jsonPath("$.latestVersion").isEqualTo(1);
    }
}
