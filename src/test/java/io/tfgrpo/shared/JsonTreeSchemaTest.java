package io.tfgrpo.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.jayway.jsonpath.JsonPath;

import io.tfgrpo.HttpTest;

/**
 * Bodies that are JSON trees (the OpenAI-compatible request, an experience's provenance, a problem's metadata) are
 * described as JSON objects, and the OpenAI model list by its fields: springdoc neither describes Jackson 3's node
 * classes as beans nor fails on them (which left the list's 200 response empty and logged a stack trace).
 */
class JsonTreeSchemaTest extends HttpTest {

    @Test
    void jsonTreesAreObjectsAndTheModelListHasItsFields() {
        String document = http.get().uri("/v3/api-docs").exchange().expectStatus().isOk().expectBody(String.class)
                .returnResult().getResponseBody();
        assertThat(JsonPath.<Object>read(document, "$.components.schemas")).asString()
                .doesNotContain("JsonNode").doesNotContain("ObjectNode");
        assertThat(JsonPath.<List<String>>read(document,
                "$.paths['/v1/chat/completions'].post.requestBody.content.*.schema.type")).containsExactly("object");
        assertThat(JsonPath.<String>read(document, "$.components.schemas.ExperienceView.properties.provenance.type"))
                .isEqualTo("object");
        assertThat(JsonPath.<List<String>>read(document,
                "$.paths['/v1/models'].get.responses['200'].content.*.schema['$ref']"))
                .containsExactly("#/components/schemas/OpenAiModelList");
        assertThat(JsonPath.<String>read(document, "$.components.schemas.OpenAiModel.properties.owned_by.type"))
                .isEqualTo("string");
    }
}
