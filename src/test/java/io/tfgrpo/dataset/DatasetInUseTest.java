package io.tfgrpo.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import io.tfgrpo.training.TrainingTest;

/** A dataset that a training job or an evaluation refers to is kept, and the refusal names them. */
class DatasetInUseTest extends TrainingTest {

    @Test
    void aDatasetThatJobsOrEvaluationsReferToIsKeptAndTheyAreNamed() {
        UUID trained = upload("samples/gsm8k-20.jsonl");
        UUID validated = upload("samples/gsm8k-20.jsonl");
        UUID evaluated = upload("samples/gsm8k-20.jsonl");
        UUID unused = upload("samples/gsm8k-20.jsonl");
        String library = library("in-use");
        UUID job = startedJob(Map.of("datasetId", trained, "library", library, "rolloutModel", "sim",
                "distillModel", "sim", "groupSize", 2, "epochs", 1, "validation", Map.of("datasetId", validated, "k", 1)));
        String evaluation = http.post().uri("/api/evaluations").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("datasetId", evaluated, "library", library, "model", "sim", "k", 1,
                        "versions", List.of("none")))
                .exchange().expectStatus().isAccepted().expectBody(Map.class).returnResult().getResponseBody()
                .get("id").toString();

        http.delete().uri("/api/datasets/{id}", trained).exchange().expectStatus().isEqualTo(409)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("urn:tfgrpo:problem:dataset-in-use")
                .jsonPath("$.datasetId").isEqualTo(trained.toString())
                .jsonPath("$.trainingJobs").isEqualTo(List.of(job.toString()))
                .jsonPath("$.evaluations").isEmpty()
                .jsonPath("$.detail").value(d -> assertThat((String) d).contains("training jobs " + job));
        http.delete().uri("/api/datasets/{id}", validated).exchange().expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.trainingJobs").isEqualTo(List.of(job.toString()));
        http.delete().uri("/api/datasets/{id}", evaluated).exchange().expectStatus().isEqualTo(409)
                .expectBody()
                .jsonPath("$.evaluations").isEqualTo(List.of(evaluation))
                .jsonPath("$.trainingJobs").isEmpty()
                .jsonPath("$.detail").value(d -> assertThat((String) d).contains("evaluations " + evaluation));
        http.delete().uri("/api/datasets/{id}", unused).exchange().expectStatus().isNoContent();

        for (UUID kept : List.of(trained, validated, evaluated)) {
            http.get().uri("/api/datasets/{id}", kept).exchange().expectStatus().isOk();
        }
    }
}
