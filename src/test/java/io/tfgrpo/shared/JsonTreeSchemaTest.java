package io.tfgrpo.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.jayway.jsonpath.JsonPath;

import io.tfgrpo.HttpTest;

/**
 * Jackson 3's node classes (an experience's provenance, a problem's metadata) are never described as beans, and the
 * OpenAI-compatible request and model list have schemas of their own: springdoc neither describes the node classes
 * field by field nor fails on them (which left the list's 200 response empty and logged a stack trace).
 */
class JsonTreeSchemaTest extends HttpTest {

    @Test
    void jsonTreesAreObjectsAndTheModelListHasItsFields() {
        String document = http.get().uri("/v3/api-docs").exchange().expectStatus().isOk().expectBody(String.class)
                .returnResult().getResponseBody();
        assertThat(JsonPath.<Object>read(document, "$.components.schemas")).asString()
                .doesNotContain("JsonNode").doesNotContain("ObjectNode");
        assertThat(JsonPath.<List<String>>read(document,
                "$.paths['/v1/chat/completions'].post.requestBody.content.*.schema['$ref']"))
                .containsExactly("#/components/schemas/ChatCompletionRequest");
        assertThat(JsonPath.<List<String>>read(document,
                "$.paths['/v1/models'].get.responses['200'].content.*.schema['$ref']"))
                .containsExactly("#/components/schemas/ModelList");
        assertThat(JsonPath.<String>read(document, "$.components.schemas.OpenAiModel.properties.owned_by.type"))
                .isEqualTo("string");
    }
}
