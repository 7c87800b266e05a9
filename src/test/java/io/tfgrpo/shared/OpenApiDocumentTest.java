package io.tfgrpo.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.info.BuildProperties;
import org.springframework.http.MediaType;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;

import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import io.tfgrpo.HttpTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The API description is true and complete: a valid OpenAPI document (swagger-parser), in which every operation
 * documents its success and the errors it can answer in the right shape, every example fits its schema (a JSON
 * Schema validator), every documented problem type is one the code raises, and real error responses are the
 * documented examples. The checked-in copy that the test client is generated from is the live document.
 */
class OpenApiDocumentTest extends HttpTest {

    static final Path CHECKED_IN = Path.of("src/test/resources/openapi.json");
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");
    private static final List<String> TAGS = List.of("Datasets", "Libraries", "Library versions", "Training jobs",
            "Evaluations", "Inference", "OpenAI-compatible", "Models", "API keys");

    @Autowired
    JsonMapper json;

    @Autowired
    BuildProperties build;

    String text;
    JsonNode document;

    @BeforeEach
    void read() {
        text = client(port).build().get().uri("/v3/api-docs").exchange().expectStatus().isOk()
                .returnResult(String.class).getResponseBody();
        document = json.readTree(text);
    }

    @Test
    void theCheckedInCopyIsTheLiveDocument() throws IOException {
        String live = json.writerWithDefaultPrettyPrinter().writeValueAsString(document) + "\n";
        if (Boolean.getBoolean("tfgrpo.openapi.refresh")) {
            Files.writeString(CHECKED_IN, live);
        }
        String copy = Files.exists(CHECKED_IN) ? Files.readString(CHECKED_IN) : "";
        assertThat(copy).as("""
                %s differs from the live document (GET /v3/api-docs); the test client is generated from it.
                If the API changed on purpose, refresh it and rebuild:
                  ./mvnw test -Dtest=OpenApiDocumentTest -Dtfgrpo.openapi.refresh=true
                First difference: %s""", CHECKED_IN, firstDifference(copy, live)).isEqualTo(live);
    }

    @Test
    void theDocumentIsValidOpenApi() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(text, null, options);
        assertThat(result.getMessages()).as("swagger-parser's findings").isEmpty();
        assertThat(result.getOpenAPI().getPaths()).isNotEmpty();
        assertThat(document.path("openapi").asString()).startsWith("3.1");
    }

    @Test
    void theFrameShowsTheVersionTagsInOrderAndNoErrorPage() {
        assertThat(document.at("/info/version").asString()).isEqualTo(build.getVersion()).isNotEqualTo("v1");
        assertThat(document.path("tags").valueStream().map(tag -> tag.path("name").asString()).toList())
                .isEqualTo(TAGS);
        assertThat(document.path("paths").propertyNames()).doesNotContain("/error");
        assertThat(document.at("/components/securitySchemes/apiKey/scheme").asString()).isEqualTo("bearer");
        assertThat(document.at("/paths/~1api~1datasets/post/requestBody/content").propertyNames())
                .contains("multipart/form-data", "application/x-ndjson");
        assertThat(document.at("/paths/~1api~1libraries~1{name}~1versions~1current/get/operationId").asString())
                .isEqualTo("getCurrentLibraryVersion");
    }

    @Test
    void everyOperationDocumentsItsSuccessItsErrorsAndItsParameters() {
        List<String> failures = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        operations((where, operation) -> {
            String id = operation.path("operationId").asString("");
            if (!id.matches("[a-z][A-Za-z]+") || !ids.add(id)) {
                failures.add(where + ": operation id '" + id + "' is not a unique camel-case name");
            }
            JsonNode responses = operation.path("responses");
            List<String> codes = responses.propertyNames().stream().toList();
            String success = codes.stream().filter(code -> code.startsWith("2")).findFirst().orElse(null);
            if (success == null) {
                failures.add(where + ": no success response");
            }
            else if (!success.equals("204") && !responses.path(success).path("content").valueStream()
                    .allMatch(content -> content.has("schema"))) {
                failures.add(where + ": the " + success + " response has no schema");
            }
            boolean openAi = where.contains(" /v1/");
            for (String code : codes.stream().filter(code -> code.compareTo("400") >= 0).toList()) {
                JsonNode content = responses.path(code).path("content");
                String mediaType = openAi ? "application/json" : "application/problem+json";
                String schema = "#/components/schemas/" + (openAi ? "OpenAiError" : "Problem");
                if (content.size() != 1 || !content.at("/" + mediaType.replace("/", "~1") + "/schema/$ref")
                        .asString("").equals(schema) || content.path(mediaType).path("examples").isEmpty()) {
                    failures.add(where + ": " + code + " is not " + mediaType + " with " + schema + " and examples");
                }
            }
            List<String> expected = new ArrayList<>(List.of("401", "403", "503"));
            if (operation.has("requestBody") || operation.path("parameters").valueStream()
                    .anyMatch(p -> !p.path("in").asString().equals("header") && !isPlainString(p.path("schema")))) {
                expected.add("400");
            }
            if (where.equals("POST /api/inference") || where.equals("POST /v1/chat/completions")
                    || where.endsWith("/events")) {
                expected.add("429");
            }
            if (!codes.containsAll(expected)) {
                failures.add(where + ": documents " + codes + ", expected at least " + expected);
            }
            operation.path("parameters").valueStream().filter(p -> p.path("description").asString("").isBlank())
                    .forEach(p -> failures.add(where + ": parameter '" + p.path("name").asString()
                            + "' has no description"));
        });
        assertThat(failures).isEmpty();
        assertThat(ids).contains("listLibraryVersions", "uploadDataset", "editLibrary", "diffLibraryVersion",
                "startTrainingJob", "getTrainingJob", "createChatCompletion");
    }

    @Test
    void everyExampleFitsItsSchema() {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi31());
        ObjectNode problem = json.createObjectNode().put("$ref", "#/components/schemas/Problem");
        problem.set("components", document.path("components"));
        assertThat(registry.getSchema(problem).validate(json.readTree("{\"type\": \"x\", \"status\": \"400\"}")))
                .as("the validator sees a wrong example").hasSizeGreaterThanOrEqualTo(2);
        List<String> failures = new ArrayList<>();
        int[] checked = { 0 };
        examples(document, "", (where, pair) -> {
            ObjectNode schema = ((ObjectNode) pair[0]).deepCopy();
            schema.set("components", document.path("components"));
            Schema validator = registry.getSchema(schema);
            checked[0]++;
            validator.validate(pair[1]).forEach(error -> failures.add(where + ": " + error));
        });
        assertThat(failures).isEmpty();
        assertThat(checked[0]).as("examples checked").isGreaterThan(150);
    }

    @Test
    void everyDocumentedProblemTypeIsOneTheCodeRaises() throws IOException {
        Set<String> types = new HashSet<>();
        Matcher matcher = Pattern.compile("urn:tfgrpo:problem:([a-z0-9-]+)").matcher(text);
        while (matcher.find()) {
            types.add(matcher.group(1));
        }
        String code;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            code = String.join("\n", files.filter(file -> file.toString().endsWith(".java")).map(file -> {
                try {
                    return Files.readString(file);
                }
                catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList());
        }
        assertThat(types).hasSizeGreaterThan(15)
                .allSatisfy(type -> assertThat(code).as("a problem type the code raises").contains("\"" + type + "\""));
    }

    @Test
    void realErrorsAreTheDocumentedExamples() {
        JsonNode forbidden = client(port).defaultHeader("Authorization", "Bearer " + inferKey()).build().get()
                .uri("/api/datasets").exchange().expectStatus().isForbidden().returnResult(JsonNode.class)
                .getResponseBody();
        assertThat(forbidden).isEqualTo(example("/api/datasets", "get", "403", "insufficient-scope"));

        JsonNode missing = http.get().uri("/api/libraries/gsm8k-tips").exchange().expectStatus().isNotFound()
                .returnResult(JsonNode.class).getResponseBody();
        assertThat(missing).isEqualTo(example("/api/libraries/{name}", "get", "404", "library-not-found"));

        JsonNode anonymous = client(port).build().post().uri("/v1/chat/completions")
                .contentType(MediaType.APPLICATION_JSON).body("{}").exchange().expectStatus().isUnauthorized()
                .returnResult(JsonNode.class).getResponseBody();
        assertThat(anonymous).isEqualTo(example("/v1/chat/completions", "post", "401", "missing-api-key"));

        JsonNode invalid = http.post().uri("/v1/chat/completions").contentType(MediaType.APPLICATION_JSON).body("{}")
                .exchange().expectStatus().isBadRequest().returnResult(JsonNode.class).getResponseBody();
        assertThat(invalid).isEqualTo(example("/v1/chat/completions", "post", "400", "invalid-request"));
    }

    private String inferKey() {
        return http.post().uri("/api/keys").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", "reader", "scopes", List.of("infer"))).exchange().expectStatus().isCreated()
                .returnResult(JsonNode.class).getResponseBody().path("key").asString();
    }

    private JsonNode example(String path, String method, String code, String name) {
        JsonNode content = document.path("paths").path(path).path(method).path("responses").path(code)
                .path("content");
        return content.valueStream().findFirst().orElseThrow().path("examples").path(name).path("value");
    }

    private void operations(BiConsumer<String, JsonNode> check) {
        document.path("paths").properties().forEach(path -> path.getValue().properties().stream()
                .filter(method -> METHODS.contains(method.getKey()))
                .forEach(method -> check.accept(method.getKey().toUpperCase() + " " + path.getKey(),
                        method.getValue())));
    }

    private static boolean isPlainString(JsonNode schema) {
        return schema.path("type").asString("").equals("string") && !schema.has("format") && !schema.has("enum");
    }

    /** Every (schema, example) pair: of media types and parameters, and of schemas and their properties. */
    private static void examples(JsonNode node, String where, BiConsumer<String, JsonNode[]> pair) {
        if (node.isObject()) {
            JsonNode schema = node.path("schema");
            if (schema.isObject()) {
                if (node.has("example")) {
                    pair.accept(where, new JsonNode[] { schema, node.get("example") });
                }
                node.path("examples").properties().forEach(example -> pair.accept(where + "/examples/"
                        + example.getKey(), new JsonNode[] { schema, example.getValue().path("value") }));
            }
            boolean isSchema = node.has("type") || node.has("$ref") || node.has("properties");
            if (isSchema && node.has("example") && !node.has("schema")) {
                pair.accept(where, new JsonNode[] { node, node.get("example") });
            }
            node.properties().forEach(field -> {
                if (!field.getKey().equals("examples") && !field.getKey().equals("example")) {
                    examples(field.getValue(), where + "/" + field.getKey(), pair);
                }
            });
        }
        else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                examples(node.get(i), where + "/" + i, pair);
            }
        }
    }

    private static String firstDifference(String copy, String live) {
        String[] left = copy.split("\n");
        String[] right = live.split("\n");
        for (int i = 0; i < Math.max(left.length, right.length); i++) {
            String a = i < left.length ? left[i] : "<end>";
            String b = i < right.length ? right[i] : "<end>";
            if (!a.equals(b)) {
                return "line " + (i + 1) + ": checked in '" + a.strip() + "', live '" + b.strip() + "'";
            }
        }
        return "none";
    }
}
