package io.tfgrpo.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.tfgrpo.simulator.LlmSimulator.Journal;
import io.tfgrpo.simulator.LlmSimulator.Options;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Structured output: answers that parse and satisfy the schema the request sent. */
class LlmSimulatorSchemaTest {

    private static final JsonNode GROUP_UPDATE = Json.MAPPER.readTree("""
            {"type": "object",
             "properties": {
               "analysis": {"type": "string"},
               "experiences": {"type": "array", "maxItems": 3, "items": {
                 "type": "object",
                 "properties": {
                   "op": {"type": "string", "enum": ["ADD", "UPDATE", "DELETE", "NONE"]},
                   "code": {"type": "string"},
                   "text": {"type": "string", "maxLength": 200}},
                 "required": ["op", "code", "text"],
                 "additionalProperties": false}}},
             "required": ["analysis", "experiences"],
             "additionalProperties": false}""");
    private static final String LIBRARY = """
            Current experiences:
            [E3] When a problem gives a rate and a time, convert both to the same unit first.
            [E7] When the answer must be an integer, check the rounding at the end.""";

    private LlmSimulator simulator;
    private SimulatorClient client;

    @BeforeEach
    void start() {
        simulator = LlmSimulator.start(Options.defaults().withPort(0));
        client = new SimulatorClient(simulator);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void aGroupUpdateIsValidAgainstItsSchemaAndEditsOnlyExperiencesThePromptShows() {
        Set<String> ops = new HashSet<>();
        for (int seed = 0; seed < 30; seed++) {
            ObjectNode request = structured(LIBRARY, "Proposed: always check units.", "group_update", GROUP_UPDATE);
            JsonNode answer = Json.MAPPER.readTree(client.content(request.put("seed", seed)));

            assertThat(SchemaCheck.errors(GROUP_UPDATE, answer)).as(answer.toString()).isEmpty();
            assertThat(answer.get("analysis").stringValue().split("(?<=\\.) ")).hasSizeBetween(1, 2);
            for (JsonNode experience : answer.get("experiences").values()) {
                ops.add(experience.get("op").stringValue());
                assertThat(experience.get("code").stringValue()).isIn("E3", "E7");
                assertThat(experience.get("text").stringValue().split("\\s+")).hasSizeBetween(8, 25);
                assertThat(experience.get("text").stringValue()).startsWith("When ").endsWith(".");
            }
        }
        assertThat(ops).contains("ADD", "UPDATE", "DELETE");
        Journal.Request logged = simulator.journal().recent().getFirst();
        assertThat(logged.purpose()).isEqualTo("group_update");
        assertThat(logged.responseFormat()).isEqualTo("group_update");
        assertThat(logged.carriesExperiences()).isTrue();
    }

    @Test
    void withoutExperiencesInThePromptTheOnlyCodeIsE1AndNothingIsUpdatedOrDeleted() {
        for (int seed = 0; seed < 20; seed++) {
            ObjectNode request = structured(null, "Compare these attempts.", "advantage", GROUP_UPDATE);
            JsonNode answer = Json.MAPPER.readTree(client.content(request.put("seed", seed)));

            assertThat(SchemaCheck.errors(GROUP_UPDATE, answer)).isEmpty();
            answer.get("experiences").values().forEach(experience -> {
                assertThat(experience.get("code").stringValue()).isEqualTo("E1");
                assertThat(experience.get("op").stringValue()).isIn("ADD", "NONE");
            });
        }
        assertThat(simulator.journal().byPurpose()).containsEntry("advantage", 20L);
    }

    @Test
    void refsNullableTypesAlternativesAndBoundsAreRespected() {
        JsonNode schema = Json.MAPPER.readTree("""
                {"type": "object",
                 "$defs": {"verdict": {"type": "object",
                   "properties": {"label": {"enum": ["correct", "incorrect"]}, "score": {"type": "number",
                     "exclusiveMinimum": 0, "maximum": 1}},
                   "required": ["label", "score"], "additionalProperties": false}},
                 "definitions": {"count": {"type": "integer", "minimum": 5, "maximum": 7}},
                 "properties": {
                   "verdict": {"$ref": "#/$defs/verdict"},
                   "count": {"$ref": "#/definitions/count"},
                   "note": {"type": ["string", "null"], "minLength": 30, "maxLength": 40},
                   "maybe": {"anyOf": [{"type": "null"}, {"type": "integer", "minimum": -3, "maximum": -1}]},
                   "tags": {"type": "array", "minItems": 3, "items": {"type": "string"}},
                   "kind": {"const": "judge"},
                   "ok": {"type": "boolean"}},
                 "required": ["verdict", "count", "note", "maybe", "tags", "kind", "ok"],
                 "additionalProperties": false}""");

        for (int seed = 0; seed < 50; seed++) {
            JsonNode value = SchemaInstances.instance(schema, new SplittableRandom(seed), List.of());

            assertThat(SchemaCheck.errors(schema, value)).as(value.toString()).isEmpty();
            assertThat(value.at("/verdict/score").asDouble()).isGreaterThan(0);
            assertThat(value.get("maybe").isIntegralNumber()).isTrue();
            assertThat(value.get("kind").stringValue()).isEqualTo("judge");
        }
    }

    @Test
    void theSameStructuredRequestGetsTheSameAnswer() {
        ObjectNode request = structured(LIBRARY, "Summarise the attempt.", "summary", GROUP_UPDATE).put("seed", 3);

        assertThat(client.content(request)).isEqualTo(client.content(request));
        assertThat(simulator.journal().repeatedRequests()).isEqualTo(1);
    }

    @Test
    void jsonModeAnswersAJsonObject() {
        ObjectNode request = SimulatorClient.request(null, "Reply in JSON.");
        request.putObject("response_format").put("type", "json_object");

        JsonNode answer = Json.MAPPER.readTree(client.content(request));

        assertThat(answer.get("answer").isString()).isTrue();
        assertThat(simulator.journal().recent().getFirst()).satisfies(logged -> {
            assertThat(logged.purpose()).isEqualTo("json");
            assertThat(logged.responseFormat()).isEqualTo("json_object");
        });
    }

    static ObjectNode structured(String system, String user, String name, JsonNode schema) {
        ObjectNode request = SimulatorClient.request(system, user).put("temperature", 0.0);
        ObjectNode jsonSchema = request.putObject("response_format").put("type", "json_schema")
                .putObject("json_schema").put("name", name).put("strict", true);
        jsonSchema.set("schema", schema);
        return request;
    }
}
