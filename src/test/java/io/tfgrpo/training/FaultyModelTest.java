package io.tfgrpo.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/**
 * Against a model that answers 30% of calls with a fault (429 with Retry-After, 500, a held request that ends in
 * 504, malformed output), a training job and an evaluation both end — done, or failed with a stated reason —
 * and nothing hangs.
 */
class FaultyModelTest extends TrainingTest {

    @Test
    void jobsAndEvaluationsEndUnderFaults() {
        UUID dataset = upload("samples/gsm8k-20.jsonl");
        String library = library("flaky");
        String job = "/api/training-jobs/" + startedJob(Map.of("datasetId", dataset, "library", library,
                "rolloutModel", "flaky", "distillModel", "flaky", "groupSize", 2, "epochs", 1));
        String evaluation = http.post().uri("/api/evaluations").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("datasetId", dataset, "library", library, "model", "flaky", "k", 2,
                        "versions", java.util.List.of("none", "0")))
                .exchange().expectStatus().isAccepted().returnResult(String.class).getResponseHeaders()
                .getLocation().toString();

        await().atMost(Duration.ofSeconds(90)).until(() -> finished(job) && finished(evaluation));

        for (String location : new String[] { job, evaluation }) {
            http.get().uri(location).exchange().expectStatus().isOk().expectBody()
                    .jsonPath("$.status").value(status -> {
                        assertThat((String) status).isIn("SUCCEEDED", "FAILED");
                    })
                    .jsonPath("$").value(view -> {
                        @SuppressWarnings("unchecked")
                        Map<String, Object> fields = (Map<String, Object>) view;
                        if ("FAILED".equals(fields.get("status"))) {
                            assertThat(fields.get("errorCode")).as(location).isNotNull();
                            assertThat(fields.get("error")).as(location).isNotNull();
                        }
                    });
        }
        assertThat(flakySimulator.journal().outcome("429") + flakySimulator.journal().outcome("500")
                + flakySimulator.journal().outcome("timeout") + flakySimulator.journal().outcome("malformed"))
                .isPositive();
    }

    private boolean finished(String location) {
        String status = http.get().uri(location).exchange().returnResult(Map.class).getResponseBody().get("status")
                .toString();
        return !status.equals("QUEUED") && !status.equals("RUNNING");
    }
}
