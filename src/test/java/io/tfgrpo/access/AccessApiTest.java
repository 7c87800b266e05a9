package io.tfgrpo.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import io.tfgrpo.HttpTest;

/** API keys: who gets in, with which scopes, at what inference rate, and that the service keeps only hashes. */
class AccessApiTest extends HttpTest {

    RestTestClient anonymous;

    @BeforeEach
    void anonymousClient() {
        anonymous = client(port).build();
    }

    @Test
    void aRequestWithoutAKeyIs401ProblemJson() {
        anonymous.get().uri("/api/datasets").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .expectBody().jsonPath("$.type").isEqualTo("urn:tfgrpo:problem:missing-api-key")
                .jsonPath("$.status").isEqualTo(401)
                .jsonPath("$.instance").isEqualTo("/api/datasets");
    }

    @Test
    void aWrongKeyOrSchemeIs401() {
        for (String header : List.of("Bearer tfg_not-a-key", "Basic dXNlcjpwYXNz", "Bearer ")) {
            anonymous.get().uri("/api/libraries").header(HttpHeaders.AUTHORIZATION, header).exchange()
                    .expectStatus().isUnauthorized()
                    .expectBody().jsonPath("$.type").isEqualTo("urn:tfgrpo:problem:invalid-api-key");
        }
    }

    @Test
    void theOpenAiPathAnswersInOpenAisErrorShape() {
        anonymous.get().uri("/v1/models").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody().jsonPath("$.error.code").isEqualTo("missing_api_key")
                .jsonPath("$.error.type").isEqualTo("invalid_request_error")
                .jsonPath("$.error.message").isNotEmpty();
        String trainOnly = create("trainer", List.of("train"), null).key();
        anonymous.get().uri("/v1/models").header(HttpHeaders.AUTHORIZATION, "Bearer " + trainOnly).exchange()
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.error.code").isEqualTo("insufficient_scope");
    }

    @Test
    void healthAndTheApiDescriptionAreOpenAndDescribeTheKeys() {
        anonymous.get().uri("/actuator/health").exchange().expectStatus().isOk();
        anonymous.get().uri("/swagger-ui/index.html").exchange().expectStatus().isOk();
        anonymous.get().uri("/v3/api-docs").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.components.securitySchemes.apiKey.scheme").isEqualTo("bearer")
                .jsonPath("$.security[0].apiKey").exists();
        anonymous.get().uri("/actuator/prometheus").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void scopesDecideWhatAKeyMayDo() {
        CreatedApiKey trainer = create("trainer", List.of("train"), null);
        CreatedApiKey client = create("client", List.of("infer"), null);

        as(trainer).get().uri("/api/libraries").exchange().expectStatus().isOk();
        as(trainer).get().uri("/api/keys").exchange().expectStatus().isForbidden().expectBody()
                .jsonPath("$.type").isEqualTo("urn:tfgrpo:problem:insufficient-scope")
                .jsonPath("$.requiredScope").isEqualTo("admin");
        as(trainer).post().uri("/api/inference").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("library", "none-such", "prompt", "hi")).exchange()
                .expectStatus().isForbidden().expectBody().jsonPath("$.requiredScope").isEqualTo("infer");
        as(client).get().uri("/api/datasets").exchange().expectStatus().isForbidden().expectBody()
                .jsonPath("$.requiredScope").isEqualTo("train");
        as(client).post().uri("/api/inference").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("library", "none-such", "prompt", "hi")).exchange()
                .expectStatus().isNotFound();
        as(client).get().uri("/v1/models").exchange().expectStatus().isOk();
    }

    @Test
    void onlyTheHashIsStoredAndTheKeyIsShownOnce() {
        CreatedApiKey key = create("ci", List.of("train", "infer"), 30);

        assertThat(key.key()).startsWith("tfg_").hasSize(47).startsWith(key.prefix());
        assertThat(key.scopes()).containsExactly(Scope.TRAIN, Scope.INFER);
        Map<String, Object> row = jdbc.queryForMap("select * from api_key where id = ?", key.id());
        assertThat(row.values()).noneMatch(value -> String.valueOf(value).contains(key.key()));
        assertThat(row.get("key_hash")).isEqualTo(ApiKeys.hash(key.key()));
        String listing = http.get().uri("/api/keys").exchange().expectStatus().isOk().returnResult(String.class)
                .getResponseBody();
        assertThat(listing).contains(key.id().toString()).contains(key.prefix()).doesNotContain(key.key());
        http.get().uri("/api/keys/" + key.id()).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.name").isEqualTo("ci")
                .jsonPath("$.requestsPerMinute").isEqualTo(30)
                .jsonPath("$.key").doesNotExist();
    }

    @Test
    void aRevokedKeyIsRefusedAtOnce() {
        CreatedApiKey key = create("leaked", List.of("train"), null);
        as(key).get().uri("/api/libraries").exchange().expectStatus().isOk();

        http.delete().uri("/api/keys/" + key.id()).exchange().expectStatus().isNoContent();

        as(key).get().uri("/api/libraries").exchange().expectStatus().isUnauthorized();
        http.get().uri("/api/keys/" + key.id()).exchange().expectBody().jsonPath("$.revokedAt").isNotEmpty();
        http.delete().uri("/api/keys/" + UUID.randomUUID()).exchange().expectStatus().isNotFound()
                .expectBody().jsonPath("$.type").isEqualTo("urn:tfgrpo:problem:api-key-not-found");
    }

    @Test
    void anInvalidKeyRequestNamesTheField() {
        http.post().uri("/api/keys").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", "x", "scopes", List.of())).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.field").isEqualTo("scopes");
        http.post().uri("/api/keys").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", "x", "scopes", List.of("root"))).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.detail").value(detail ->
                        assertThat(detail.toString()).contains("scopes"));
        http.post().uri("/api/keys").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", " ", "scopes", List.of("infer"), "requestsPerMinute", -1)).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors.length()").isEqualTo(2);
        assertThat(count("select count(*) from api_key where name in ('x', ' ')")).isZero();
    }

    @Test
    void inferenceIsRateLimitedPerKeyWithRetryAfter() {
        CreatedApiKey limited = create("limited", List.of("infer"), 2);
        CreatedApiKey other = create("other", List.of("infer"), 2);
        Map<String, Object> body = Map.of("library", "no-such-library", "prompt", "hi");
        for (int i = 0; i < 2; i++) {
            // counted before the request is served: an unknown library still spends the allowance
            as(limited).post().uri("/api/inference").contentType(MediaType.APPLICATION_JSON).body(body).exchange()
                    .expectStatus().isNotFound();
        }
        as(limited).post().uri("/api/inference").contentType(MediaType.APPLICATION_JSON).body(body).exchange()
                .expectStatus().isEqualTo(429)
                .expectHeader().value(HttpHeaders.RETRY_AFTER, seconds -> assertThat(Integer.parseInt(seconds))
                        .isBetween(1, 30))
                .expectBody().jsonPath("$.type").isEqualTo("urn:tfgrpo:problem:rate-limit-exceeded")
                .jsonPath("$.requestsPerMinute").isEqualTo(2);
        as(limited).post().uri("/v1/chat/completions").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("model", "no-such-library", "messages", List.of(Map.of("role", "user", "content", "hi"))))
                .exchange().expectStatus().isEqualTo(429)
                .expectHeader().exists(HttpHeaders.RETRY_AFTER)
                .expectBody().jsonPath("$.error.code").isEqualTo("rate_limit_exceeded");
        // reads are not inference, and other keys have their own allowance
        as(limited).get().uri("/v1/models").exchange().expectStatus().isOk();
        as(other).post().uri("/api/inference").contentType(MediaType.APPLICATION_JSON).body(body).exchange()
                .expectStatus().isNotFound();
    }

    private CreatedApiKey create(String name, List<String> scopes, Integer requestsPerMinute) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("name", name, "scopes", scopes));
        if (requestsPerMinute != null) {
            body.put("requestsPerMinute", requestsPerMinute);
        }
        return http.post().uri("/api/keys").contentType(MediaType.APPLICATION_JSON).body(body).exchange()
                .expectStatus().isCreated().returnResult(CreatedApiKey.class).getResponseBody();
    }

    private RestTestClient as(CreatedApiKey key) {
        return anonymous.mutate().defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + key.key()).build();
    }
}
