package io.tfgrpo.inference;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.tfgrpo.HttpTest;
import io.tfgrpo.simulator.LlmSimulator;
import tools.jackson.databind.json.JsonMapper;

/** Serving libraries over HTTP against the simulator, whose journal shows what the model was really sent. */
@ExtendWith(OutputCaptureExtension.class)
class InferenceApiTest extends HttpTest {

    static final LlmSimulator simulator = LlmSimulator.start(LlmSimulator.Options.defaults().withPort(0).withSeed(3));
    /** A model server that refuses every request, naming a detail the service's clients must not see. */
    static final WireMockServer refusing = new WireMockServer(options().dynamicPort());

    static {
        refusing.start();
        refusing.stubFor(post("/v1/chat/completions").willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\": {\"message\": \"bad\", \"code\": \"upstream_detail_x\"}}")));
    }

    @Autowired
    JsonMapper json;

    @DynamicPropertySource
    static void profile(DynamicPropertyRegistry registry) {
        registry.add("tfgrpo.models.sim.provider", () -> "openai");
        registry.add("tfgrpo.models.sim.base-url", simulator::baseUrl);
        registry.add("tfgrpo.models.sim.model", () -> "sim-model");
        registry.add("tfgrpo.inference.default-model", () -> "sim");
        registry.add("tfgrpo.inference.max-experiences", () -> "3");
        registry.add("tfgrpo.inference.current-version-ttl", () -> "200ms");
        registry.add("tfgrpo.inference.max-n", () -> "2");
        registry.add("tfgrpo.inference.max-max-tokens", () -> "50");
        registry.add("tfgrpo.models.capped.provider", () -> "openai");
        registry.add("tfgrpo.models.capped.base-url", simulator::baseUrl);
        registry.add("tfgrpo.models.capped.model", () -> "capped-model");
        registry.add("tfgrpo.models.capped.max-tokens", () -> "40");
        registry.add("tfgrpo.models.refusing.provider", () -> "openai");
        registry.add("tfgrpo.models.refusing.base-url", () -> refusing.baseUrl() + "/v1");
        registry.add("tfgrpo.models.refusing.model", () -> "refusing-model");
    }

    @AfterAll
    static void stop() {
        simulator.close();
        refusing.stop();
    }

    @Test
    void theNativeEndpointAppliesTheCurrentAPinnedOrNoVersion() {
        String library = library(List.of("Check units first."), List.of("Re-read the question before answering."));

        http.post().uri("/api/inference").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("library", library, "prompt", "What is 6 times 7?")).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.libraryVersion").isEqualTo(2)
                .jsonPath("$.experiences").isEqualTo(List.of("E1", "E2"))
                .jsonPath("$.answer").isNotEmpty()
                .jsonPath("$.model").isEqualTo("sim")
                .jsonPath("$.usage.totalTokens").value(t -> assertThat((Integer) t).isPositive());
        assertThat(lastSystemMessage()).contains("[E1] Check units first.").contains("[E2] Re-read the question");

        http.post().uri("/api/inference").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("library", library, "version", "1", "prompt", "What is 6 times 7?")).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.libraryVersion").isEqualTo(1)
                .jsonPath("$.experiences").isEqualTo(List.of("E1"));
        assertThat(lastSystemMessage()).contains("[E1]").doesNotContain("[E2]");

        http.post().uri("/api/inference").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("library", library, "version", "none", "prompt", "What is 6 times 7?")).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.libraryVersion").doesNotExist()
                .jsonPath("$.experiences.length()").isEqualTo(0);
        assertThat(simulator.journal().recent().getLast().carriesExperiences()).isFalse();
        assertThat(count("select count(*) from llm_call where owner = ? and purpose = 'INFERENCE'", library + "@2"))
                .isEqualTo(1);
        assertThat(count("select count(*) from llm_call where owner = ?", library + "@none")).isEqualTo(1);
    }

    @Test
    void badRequestsAreProblems() {
        String library = library(List.of("A tip."));
        infer(Map.of("library", "no-such-library", "prompt", "hi")).expectStatus().isNotFound();
        infer(Map.of("library", library, "version", "9", "prompt", "hi")).expectStatus().isNotFound().expectBody()
                .jsonPath("$.type").isEqualTo("urn:tfgrpo:problem:version-not-found");
        infer(Map.of("library", library, "version", "latest", "prompt", "hi")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.field").isEqualTo("version");
        infer(Map.of("library", library, "model", "nope", "prompt", "hi")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.field").isEqualTo("model");
        infer(Map.of("library", library)).expectStatus().isBadRequest().expectBody().jsonPath("$.field")
                .isEqualTo("prompt");
    }

    @Test
    void aPromotionReachesTheServedVersion() {
        String library = library(List.of("First tip."), List.of("Second tip."));
        infer(Map.of("library", library, "prompt", "hi")).expectBody().jsonPath("$.libraryVersion").isEqualTo(2);
        http.put().uri("/api/libraries/{name}/current", library).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("version", 1)).exchange().expectStatus().isOk();

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> infer(Map.of("library", library, "prompt", "hi"))
                .expectBody().jsonPath("$.libraryVersion").isEqualTo(1));
    }

    @Test
    void aLibraryMayUseItsOwnPriorTemplate() {
        String library = library(List.of("Check units first."));
        http.put().uri("/api/libraries/{name}/prior-template", library).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("template", "no list here")).exchange().expectStatus().isBadRequest().expectBody()
                .jsonPath("$.field").isEqualTo("template");
        http.put().uri("/api/libraries/{name}/prior-template", library).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("template", "{{experiences}}" + "x".repeat(20_000))).exchange().expectStatus()
                .isBadRequest().expectBody().jsonPath("$.type").isEqualTo("urn:tfgrpo:problem:invalid-request")
                .jsonPath("$.field").value(field -> assertThat((String) field).endsWith("template"));
        http.put().uri("/api/libraries/{name}/prior-template", library).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("template", "House rules:\n{{experiences}}")).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.priorTemplate").isEqualTo("House rules:\n{{experiences}}");

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            infer(Map.of("library", library, "prompt", "hi")).expectStatus().isOk();
            assertThat(lastSystemMessage()).isEqualTo("House rules:\n[E1] Check units first.");
        });
        http.get().uri("/api/libraries/{name}/export", library).exchange().expectBody()
                .jsonPath("$.priorTemplate").isEqualTo("House rules:\n{{experiences}}");
    }

    @Test
    void aLargeLibraryAppliesTheMostRelevantExperiences() {
        String library = library(List.of("When a price is discounted by a percentage, apply it to the original price.",
                "When counting legs of animals, multiply the animals by legs per animal.",
                "When speeds and times are given, distance equals speed times time.",
                "When a recipe is scaled, multiply every ingredient by the same factor.",
                "When a percentage discount is followed by a tax, apply them one after the other."));

        http.post().uri("/api/inference").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("library", library, "prompt", "A jacket with a 20% discount costs $80. What was the original price before the discount?"))
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.experiences.length()").isEqualTo(3)
                .jsonPath("$.experiences").value(codes -> assertThat(codes)
                        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST).contains("E1", "E5"));
    }

    @Test
    void anOpenAiClientTalksToTheServiceAsIfItWereOpenAi() {
        String library = library(List.of("Answer in one sentence."), List.of("State the unit."));
        OpenAiChatModel client = OpenAiChatModel.builder().options(OpenAiChatOptions.builder()
                .baseUrl("http://localhost:" + port + "/v1").apiKey(KEY).model(library + "@1").maxRetries(0)
                .build()).build();

        var response = client.call(new Prompt(List.of(new SystemMessage("You are terse."), new UserMessage("Hi?"))));

        assertThat(response.getResult().getOutput().getText()).isNotBlank();
        assertThat(response.getMetadata().getUsage().getTotalTokens()).isPositive();
        String system = lastSystemMessage();
        assertThat(system).startsWith("You are terse.").contains("[E1] Answer in one sentence.").doesNotContain("[E2]");
    }

    @Test
    void streamsChunksInOrderEndingWithDone() throws Exception {
        String library = library(List.of("Think step by step."));
        String body = """
                {"model": "%s", "stream": true, "stream_options": {"include_usage": true},
                 "messages": [{"role": "user", "content": "Tell me about the number 42."}]}""".formatted(library);
        HttpResponse<java.util.stream.Stream<String>> response = HttpClient.newHttpClient().send(HttpRequest
                .newBuilder(URI.create("http://localhost:" + port + "/v1/chat/completions"))
                .header("Content-Type", "application/json").header("Authorization", BEARER)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofLines());

        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
        assertThat(response.headers().firstValue("X-Experience-Library").orElseThrow()).isEqualTo(library + "@1");
        List<String> events = response.body().filter(line -> line.startsWith("data: ")).map(l -> l.substring(6)).toList();
        assertThat(events.getFirst()).contains("\"role\":\"assistant\"");
        assertThat(events.getLast()).isEqualTo("[DONE]");
        assertThat(events.get(events.size() - 2)).contains("\"usage\"");
        assertThat(events.get(events.size() - 3)).contains("\"finish_reason\":\"stop\"");
        assertThat(events.subList(1, events.size() - 3)).hasSizeGreaterThan(1)
                .allSatisfy(e -> assertThat(e).contains("\"content\""));
        assertThat(simulator.journal().recent().getLast().stream()).isTrue();
    }

    @Test
    void nAndMaxTokensAreLoweredToTheConfiguredMaxima() {
        String library = library(List.of("A tip."));
        List<Map<String, String>> messages = List.of(Map.of("role", "user", "content", "Name a prime."));

        http.post().uri("/v1/chat/completions").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("model", library, "messages", messages, "n", 5, "max_tokens", 1000)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.choices.length()").isEqualTo(2);
        var forwarded = simulator.journal().recent().getLast();
        assertThat(forwarded.n()).isEqualTo(2);
        assertThat(forwarded.maxTokens()).isEqualTo(50);

        http.post().uri("/v1/chat/completions").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("model", library, "messages", messages, "max_completion_tokens", 1_000_000)).exchange()
                .expectStatus().isOk();
        assertThat(simulator.journal().recent().getLast().maxTokens()).isEqualTo(50);

        http.post().uri("/v1/chat/completions").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("model", library, "messages", messages, "n", 1, "max_tokens", 20)).exchange()
                .expectStatus().isOk();
        assertThat(simulator.journal().recent().getLast().maxTokens()).as("within the maximum").isEqualTo(20);

        infer(Map.of("library", library, "prompt", "Name a prime.", "maxTokens", 1000)).expectStatus().isOk();
        assertThat(simulator.journal().recent().getLast().maxTokens()).as("the native endpoint").isEqualTo(50);
    }

    @Test
    void aStreamThatFailsGivesAnErrorIdNotTheErrorItself(CapturedOutput log) throws Exception {
        String library = library(List.of("A tip."));
        String body = """
                {"model": "refusing", "stream": true, "messages": [{"role": "user", "content": "Hi?"}]}""";
        HttpResponse<java.util.stream.Stream<String>> response = HttpClient.newHttpClient().send(HttpRequest
                .newBuilder(URI.create("http://localhost:" + port + "/v1/chat/completions"))
                .header("Content-Type", "application/json").header("Authorization", BEARER)
                .header(OpenAiController.LIBRARY_HEADER, library)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofLines());

        List<String> events = response.body().filter(line -> line.startsWith("data: ")).map(l -> l.substring(6)).toList();
        assertThat(events.getLast()).isEqualTo("[DONE]");
        String error = events.get(events.size() - 2);
        String id = json.readTree(error).path("error").path("error_id").asString();
        assertThat(id).isNotBlank();
        assertThat(json.readTree(error).path("error").path("message").asString()).contains(id);
        assertThat(error).doesNotContain("upstream_detail_x").doesNotContain("HTTP 400").doesNotContain("refusing")
                .doesNotContain("Exception");
        assertThat(log.getOut()).containsPattern("WARN .*error id " + id + "\\]")
                .contains("Model profile 'refusing' failed");
    }

    @Test
    void fieldsTheServiceDoesNotModelPassThroughToTheModel() {
        String library = library(List.of("Answer in JSON."));
        http.post().uri("/v1/chat/completions").contentType(MediaType.APPLICATION_JSON).body(Map.of("model", library,
                "messages", List.of(Map.of("role", "developer", "content", "Be brief."),
                        Map.of("role", "user", "content", "Name a prime.")),
                "response_format", Map.of("type", "json_schema", "json_schema", Map.of("name", "prime", "strict", true,
                        "schema", Map.of("type", "object", "required", List.of("prime"), "additionalProperties", false,
                                "properties", Map.of("prime", Map.of("type", "integer")))))))
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.model").isEqualTo(library)
                .jsonPath("$.choices[0].message.content").value(c -> assertThat((String) c).startsWith("{\"prime\":"));
        var request = simulator.journal().recent().getLast();
        assertThat(request.responseFormat()).isEqualTo("prime");
        assertThat(request.model()).isEqualTo("sim-model");
        assertThat(request.messages().getFirst().content()).startsWith("Be brief.").contains("[E1] Answer in JSON.");
    }

    @Test
    void aForwardedRequestWithoutATokenLimitGetsTheProfilesAsEveryOtherCallDoes() {
        String library = library(List.of("State the unit."));
        http.post().uri("/v1/chat/completions").header("X-Experience-Library", library)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("model", "capped", "messages", List.of(Map.of("role", "user", "content", "hi"))))
                .exchange().expectStatus().isOk();
        assertThat(simulator.journal().recent().getLast().maxTokens()).isEqualTo(40);
        http.post().uri("/v1/chat/completions").header("X-Experience-Library", library)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("model", "capped", "max_tokens", 12,
                        "messages", List.of(Map.of("role", "user", "content", "hi"))))
                .exchange().expectStatus().isOk();
        assertThat(simulator.journal().recent().getLast().maxTokens()).isEqualTo(12);
    }

    @Test
    void modelsListLibrariesAndErrorsUseOpenAisShape() {
        String library = library(List.of("A tip."));
        http.get().uri("/v1/models").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.object").isEqualTo("list")
                .jsonPath("$.data[?(@.id == '%s')]".formatted(library)).exists()
                .jsonPath("$.data[?(@.id == '%s@1')]".formatted(library)).exists();
        http.post().uri("/v1/chat/completions").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("model", "no-such-library", "messages", List.of(Map.of("role", "user", "content", "hi"))))
                .exchange().expectStatus().isNotFound().expectBody()
                .jsonPath("$.error.message").isNotEmpty()
                .jsonPath("$.error.type").isEqualTo("invalid_request_error")
                .jsonPath("$.error.code").isEqualTo("model_not_found");
        http.post().uri("/v1/chat/completions").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("model", library, "messages", List.of())).exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error.param").isEqualTo("messages");
        http.post().uri("/v1/chat/completions").header("X-Experience-Library", library)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("model", "sim-model", "messages", List.of(Map.of("role", "user", "content", "hi"))))
                .exchange().expectStatus().isOk().expectHeader().valueEquals("X-Experience-Library", library + "@1");
        http.post().uri("/v1/chat/completions").header("X-Experience-Library", library)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("model", "gpt-unknown", "messages", List.of(Map.of("role", "user", "content", "hi"))))
                .exchange().expectStatus().isNotFound().expectBody().jsonPath("$.error.code").isEqualTo("model_not_found");
    }

    private org.springframework.test.web.servlet.client.RestTestClient.ResponseSpec infer(Map<String, Object> body) {
        return http.post().uri("/api/inference").contentType(MediaType.APPLICATION_JSON).body(body).exchange();
    }

    private String lastSystemMessage() {
        return simulator.journal().recent().getLast().messages().stream().filter(m -> m.role().equals("system"))
                .findFirst().orElseThrow().content();
    }

    @Test
    void aKeyWithAllowListsServesOnlyItsLibrariesAndModels() {
        String allowed = library(List.of("Check units first."));
        String other = library(List.of("Something else."));
        var limited = client(port).defaultHeader("Authorization", "Bearer " + key(Map.of("name", "one-library",
                "scopes", List.of("infer"), "libraries", List.of(allowed)))).build();

        limited.get().uri("/v1/models").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.data[*].id").value(ids -> assertThat((List<String>) ids)
                        .contains(allowed, allowed + "@1").noneMatch(id -> id.startsWith(other)));
        limited.post().uri("/api/inference").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("library", allowed, "prompt", "What is 6 times 7?")).exchange().expectStatus().isOk();
        limited.post().uri("/api/inference").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("library", other, "prompt", "What is 6 times 7?")).exchange()
                .expectStatus().isForbidden().expectBody()
                .jsonPath("$.type").isEqualTo("urn:tfgrpo:problem:library-not-granted")
                .jsonPath("$.allowed").isEqualTo(List.of(allowed));
        limited.post().uri("/v1/chat/completions").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("model", other + "@1", "messages", List.of(Map.of("role", "user", "content", "Hi"))))
                .exchange().expectStatus().isForbidden().expectBody()
                .jsonPath("$.error.code").isEqualTo("library_not_granted");

        var otherModel = client(port).defaultHeader("Authorization", "Bearer " + key(Map.of("name", "other-model",
                "scopes", List.of("infer"), "models", List.of("not-sim")))).build();
        otherModel.post().uri("/api/inference").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("library", allowed, "prompt", "What is 6 times 7?")).exchange()
                .expectStatus().isForbidden().expectBody()
                .jsonPath("$.type").isEqualTo("urn:tfgrpo:problem:model-not-granted")
                .jsonPath("$.model").isEqualTo("sim");
    }

    private String key(Map<String, Object> request) {
        return http.post().uri("/api/keys").contentType(MediaType.APPLICATION_JSON).body(request).exchange()
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("key")
                .toString();
    }

    /** A library whose version n adds the texts of the n-th list, each version promoted. */
    @SafeVarargs
    private String library(List<String>... versions) {
        String name = "inf-" + UUID.randomUUID().toString().substring(0, 8);
        http.post().uri("/api/libraries").contentType(MediaType.APPLICATION_JSON).body(Map.of("name", name))
                .exchange().expectStatus().isCreated();
        for (int v = 0; v < versions.length; v++) {
            http.post().uri("/api/libraries/{name}/versions", name).contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("baseVersion", v, "promote", true, "operations",
                            versions[v].stream().map(text -> Map.of("op", "ADD", "text", text)).toList()))
                    .exchange().expectStatus().isCreated();
        }
        return name;
    }
}
