package io.tfgrpo.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import io.tfgrpo.HttpTest;

/** What every route shares: problem details for unknown routes and methods, health, metrics and API docs. */
class OperationsApiTest extends HttpTest {

    @Test
    void unknownRoutesAndWrongMethodsAreProblems() {
        http.get().uri("/api/nothing-here").exchange().expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("urn:tfgrpo:problem:not-found")
                .jsonPath("$.status").isEqualTo(404);
        http.delete().uri("/api/libraries").exchange().expectStatus().isEqualTo(HttpStatus.METHOD_NOT_ALLOWED)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("urn:tfgrpo:problem:method-not-allowed");
        // the error page is reached by the container's error dispatch only, never as a request of its own
        http.get().uri("/error").exchange().expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("urn:tfgrpo:problem:not-found");
        http.post().uri("/api/libraries").contentType(MediaType.APPLICATION_XML).body("<library/>").exchange()
                .expectStatus().isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void healthProbesAndMetricsAreExposed() {
        http.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("UP");
        http.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("UP");
        http.get().uri("/actuator/health").exchange().expectStatus().isOk();
        http.get().uri("/api/libraries").exchange().expectStatus().isOk();
        String metrics = http.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(metrics).contains("http_server_requests_seconds_count").contains("hikaricp_connections");
    }

    @Test
    void theApiIsDescribedWithItsErrors() {
        http.get().uri("/v3/api-docs").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.info.title").isEqualTo("Training-Free GRPO")
                .jsonPath("$.paths['/api/datasets'].post").exists()
                .jsonPath("$.paths['/api/datasets/{id}/items'].get").exists()
                .jsonPath("$.paths['/api/datasets/{id}'].delete").exists()
                .jsonPath("$.paths['/api/libraries'].post.responses['409']").exists()
                .jsonPath("$.paths['/api/libraries/{name}/versions'].post.responses['409']").exists()
                .jsonPath("$.paths['/api/libraries/{name}/versions/{version}/diff'].get").exists()
                .jsonPath("$.paths['/api/libraries/{name}/current'].put").exists()
                .jsonPath("$.paths['/api/libraries/{name}/export'].get").exists()
                .jsonPath("$.paths['/api/libraries/import'].post").exists()
                .jsonPath("$.paths['/api/libraries/{name}'].get.responses['404'].content['application/problem+json']")
                .exists()
                .jsonPath("$.components.schemas.Problem").exists();
        http.get().uri("/swagger-ui.html").exchange().expectStatus().is3xxRedirection();
        http.get().uri("/swagger-ui/index.html").exchange().expectStatus().isOk();
    }
}
