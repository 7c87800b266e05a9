package io.tfgrpo.training;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import io.tfgrpo.HttpTest;
import tools.jackson.databind.json.JsonMapper;

/** A webhook's URL may carry its token in the query: only an admin sees it whole in a job's settings. */
class WebhookUrlVisibilityTest extends HttpTest {

    private static final String URL = "https://scores.example.com/hook?token=hunter2";

    @Autowired
    JobStore jobStore;

    @Autowired
    JsonMapper json;

    private UUID dataset;

    @AfterEach
    void cleanUp() {
        jdbc.update("delete from training_job where dataset_id = ?", dataset);
        jdbc.update("delete from dataset where id = ?", dataset);
    }

    @Test
    void onlyAnAdminSeesAWebhooksQuery() {
        UUID job = UUID.randomUUID();
        dataset = UUID.randomUUID();
        jdbc.update("insert into dataset (id, name) values (?, 'webhook-url')", dataset);
        var request = json.readValue("""
                {"datasetId": "%s", "library": "webhook-url", "verifier": {"type": "webhook", "url": "%s"}}"""
                .formatted(dataset, URL), StartTrainingJob.class);
        // stored, not scheduled: nothing runs it
        jobStore.insert(job, JobConfig.of(request, 1, null), 0, 1, null);
        String trainer = "Bearer " + http.post().uri("/api/keys").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", "trainer-" + UUID.randomUUID(), "scopes", List.of("train"))).exchange()
                .expectStatus().isCreated().returnResult(Map.class).getResponseBody().get("key");

        http.get().uri("/api/training-jobs/{id}", job).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.config.verifier.url").isEqualTo(URL);
        http.get().uri("/api/training-jobs/{id}", job).header(HttpHeaders.AUTHORIZATION, trainer).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.config.verifier.type").isEqualTo("webhook")
                .jsonPath("$.config.verifier.url").isEqualTo("https://scores.example.com/hook");
        http.get().uri("/api/training-jobs?size=200").header(HttpHeaders.AUTHORIZATION, trainer).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.content[?(@.id == '%s')].config.verifier.url".formatted(job))
                .isEqualTo(List.of("https://scores.example.com/hook"));
    }
}
