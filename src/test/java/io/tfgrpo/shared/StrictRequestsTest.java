package io.tfgrpo.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import io.tfgrpo.HttpTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Request bodies are read strictly and errors speak the API's language: an unknown property is refused and named
 * (with the one it most likely meant), and a wrong value says what was expected there, never a Java class.
 */
class StrictRequestsTest extends HttpTest {

    private static final String SOME_ID = "00000000-0000-0000-0000-000000000001";
    private static final List<String> INTERNALS = List.of("java.", "io.tfgrpo", "Creator", "constructor",
            "Cannot deserialize", "Cannot construct", "JsonToken", "`", "$");

    @Autowired
    JsonMapper json;

    @Test
    void unknownPropertiesAreRefusedEachNamedWithTheOneItMostLikelyMeant() {
        long jobs = count("select count(*) from training_job");
        JsonNode problem = post("/api/training-jobs", "{\"group_size\": 2, \"epoch\": 1}", HttpStatus.BAD_REQUEST);
        assertThat(problem.path("type").asString()).isEqualTo("urn:tfgrpo:problem:unknown-property");
        assertThat(problem.path("detail").asString()).contains("group_size (did you mean groupSize?)")
                .contains("epoch (did you mean epochs?)");
        assertThat(problem.path("errors").findValuesAsString("field")).containsExactly("group_size", "epoch");
        assertThat(problem.path("errors").get(0).path("message").asString()).endsWith("did you mean groupSize?");
        assertThat(count("select count(*) from training_job")).isEqualTo(jobs);

        JsonNode nested = post("/api/training-jobs", "{\"datasetId\": \"" + SOME_ID + "\", \"library\": \"x\", "
                + "\"verifier\": {\"tpye\": \"math\"}, \"budget\": {\"maxCost\": 1}, \"colour\": \"blue\"}",
                HttpStatus.BAD_REQUEST);
        assertThat(nested.path("errors").findValuesAsString("field"))
                .containsExactly("verifier.tpye", "budget.maxCost", "colour");
        assertThat(nested.path("detail").asString()).contains("verifier.tpye (did you mean type?)")
                .contains("budget.maxCost (did you mean maxCostUsd?)").contains("colour;");

        // the library's document format names its fields; provenance, free-form by design, takes anything
        JsonNode imported = post("/api/libraries/import", """
                {"format": "tfgrpo-library/v1", "name": "strict-import", "currentVersion": 0, "nextCode": 1,
                 "versions": [{"version": 0, "sorce": "JOB", "experiences": [
                     {"code": "E1", "text": "t", "provenance": {"anything": 1}}]}]}""", HttpStatus.BAD_REQUEST);
        assertThat(imported.path("field").asString()).isEqualTo("versions[0].sorce");
        assertThat(imported.path("detail").asString()).contains("did you mean source?");

        post("/api/libraries", "{\"name\": \"strict-typo\", \"descripton\": \"x\"}", HttpStatus.BAD_REQUEST);
        assertThat(count("select count(*) from library where name = 'strict-typo'")).isZero();
    }

    @Test
    void aWrongValueSaysWhatWasExpectedThereWithoutJavaInternals() {
        String job = "{\"datasetId\": \"" + SOME_ID + "\", \"library\": \"x\", ";
        expect(HttpMethod.POST, "/api/training-jobs", "{\"datasetId\": \"nope\", \"library\": \"x\"}",
                "datasetId", "must be a UUID");
        expect(HttpMethod.POST, "/api/training-jobs", job + "\"groupSize\": \"many\"}", "groupSize",
                "must be an integer");
        expect(HttpMethod.POST, "/api/training-jobs", job + "\"groupSize\": 99999999999}", "groupSize",
                "is out of range: must be an integer from -2147483648 to 2147483647");
        expect(HttpMethod.POST, "/api/training-jobs", job + "\"verifier\": {\"type\": \"maths\"}}", "verifier.type",
                "must be one of math, exact, regex, llm-judge, webhook");
        expect(HttpMethod.POST, "/api/training-jobs", job + "\"verifier\": []}", "verifier", "must be an object");
        expect(HttpMethod.POST, "/api/training-jobs", job + "\"groundTruthFree\": \"yes\"}", "groundTruthFree",
                "must be true or false");
        expect(HttpMethod.POST, "/api/training-jobs", job + "\"budget\": {\"maxCostUsd\": \"lots\"}}",
                "budget.maxCostUsd", "must be a number");
        expect(HttpMethod.POST, "/api/training-jobs", "[1, 2]", null, "the request body must be an object");
        expect(HttpMethod.POST, "/api/training-jobs", "\"a string\"", null, "the request body must be an object");
        expect(HttpMethod.POST, "/api/keys", "{\"name\": \"k\", \"scopes\": [\"god\"]}", "scopes[0]",
                "must be one of admin, train, infer");
        expect(HttpMethod.GET, "/api/training-jobs/nope", null, "id", "must be a UUID");
        expect(HttpMethod.GET, "/api/training-jobs?page=abc", null, "page", "must be an integer");
        expect(HttpMethod.PUT, "/api/libraries/x/current?requireEvaluation=nope", "{\"version\": 0}",
                "requireEvaluation", "must be a UUID");

        JsonNode malformed = post("/api/training-jobs", "{\"datasetId\": ", HttpStatus.BAD_REQUEST);
        assertThat(malformed.path("detail").asString()).startsWith("malformed JSON at line 1, column 15: ");
        assertThat(malformed.toString()).doesNotContain(INTERNALS);
    }

    @Test
    void decimalsAreWrittenPlainly() {
        assertThat(json.writeValueAsString(Map.of("cost", new BigDecimal("0E-8")))).isEqualTo("{\"cost\":0}");
        assertThat(json.writeValueAsString(new BigDecimal("0.01250000"))).isEqualTo("0.0125");
        assertThat(json.writeValueAsString(new BigDecimal("1E+3"))).isEqualTo("1000");
        assertThat(json.writeValueAsString(new BigDecimal("1.5E-7"))).isEqualTo("0.00000015");
        // also when the value goes through a tree first, as a job's settings do
        assertThat(json.valueToTree(Map.of("cost", new BigDecimal("0E-8"))).toString()).isEqualTo("{\"cost\":0}");
    }

    @Test
    void theRootLeadsABrowserToSwaggerUi() {
        var browser = client(port).build();
        String location = browser.get().uri("/").accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().isFound().returnResult(String.class).getResponseHeaders()
                .getFirst(HttpHeaders.LOCATION);
        assertThat(location).isEqualTo("/swagger-ui.html");
        browser.get().uri(location).exchange().expectStatus().is3xxRedirection();
        browser.get().uri("/swagger-ui/index.html").exchange().expectStatus().isOk();
    }

    private void expect(HttpMethod method, String uri, String body, String field, String message) {
        var request = http.method(method).uri(uri);
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).body(body);
        }
        String response = request.exchange().expectStatus().isBadRequest().expectBody(String.class).returnResult()
                .getResponseBody();
        JsonNode problem = json.readTree(response);
        assertThat(problem.path("type").asString()).as(response).isEqualTo("urn:tfgrpo:problem:invalid-request");
        assertThat(problem.path("detail").asString()).as(response)
                .isEqualTo(field == null ? message : field + ": " + message);
        assertThat(response).doesNotContain(INTERNALS);
    }

    private JsonNode post(String uri, String body, HttpStatus status) {
        String response = http.post().uri(uri).contentType(MediaType.APPLICATION_JSON).body(body).exchange()
                .expectStatus().isEqualTo(status).expectBody(String.class).returnResult().getResponseBody();
        return json.readTree(response);
    }
}
