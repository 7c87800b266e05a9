package io.tfgrpo.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.tfgrpo.HttpTest;
import io.tfgrpo.reward.VerifierSpec;
import io.tfgrpo.simulator.LlmSimulator;

/**
 * With {@code tfgrpo.inference.max-experiences} set, a version with more experiences is served with only the most
 * relevant ones; an evaluation of that version must ask the model exactly what serving would ask, or it measures a
 * prior nobody is served. The run is driven here, not by the job engine, so no other test context can take it.
 */
class EvaluatedAsServedTest extends HttpTest {

    static final LlmSimulator simulator = LlmSimulator.start(LlmSimulator.Options.defaults().withPort(0).withSeed(5));

    @DynamicPropertySource
    static void profile(DynamicPropertyRegistry registry) {
        registry.add("tfgrpo.models.sim.provider", () -> "openai");
        registry.add("tfgrpo.models.sim.base-url", simulator::baseUrl);
        registry.add("tfgrpo.models.sim.model", () -> "sim-model");
        registry.add("tfgrpo.inference.default-model", () -> "sim");
        registry.add("tfgrpo.inference.max-experiences", () -> "2");
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Autowired
    EvaluationStore store;

    @Autowired
    EvaluationRunner runner;

    @Test
    void anEvaluationAppliesTheExperiencesInferenceServes() {
        String library = "served-" + UUID.randomUUID().toString().substring(0, 8);
        http.post().uri("/api/libraries").contentType(MediaType.APPLICATION_JSON).body(Map.of("name", library))
                .exchange().expectStatus().isCreated();
        http.post().uri("/api/libraries/{name}/versions", library).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("baseVersion", 0, "promote", true, "operations", List.of(
                        add("When a price is discounted by a percentage, apply it to the original price."),
                        add("When counting legs of animals, multiply the animals by legs per animal."),
                        add("When speeds and times are given, distance equals speed times time."),
                        add("When a recipe is scaled, multiply every ingredient by the same factor."),
                        add("When a percentage discount is followed by a tax, apply them one after the other."))))
                .exchange().expectStatus().isCreated();
        String location = http.post().uri("/api/datasets?name=served").contentType(
                MediaType.parseMediaType("application/x-ndjson")).body("""
                        {"problem": "A jacket with a 20% discount costs $80. What was its price before the discount?", "answer": "100"}
                        """).exchange().expectStatus().isCreated().returnResult(String.class).getResponseHeaders()
                .getLocation().toString();
        UUID dataset = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
        UUID id = UUID.randomUUID();
        store.insert(id, new EvaluationConfig(dataset, library, List.of("1"), "sim", 1, List.of(1), 0.3,
                VerifierSpec.math(), 7L, null, null));
        simulator.resetJournal();

        assertThat(runner.run(id, "test", () -> false)).isEqualTo(io.tfgrpo.runs.RunOutcome.ENDED);
        assertThat(store.find(id).orElseThrow().status()).isEqualTo("SUCCEEDED");
        var evaluated = simulator.journal().recent().getLast().messages();
        String question = evaluated.stream().filter(m -> m.role().equals("user")).findFirst().orElseThrow().content();

        http.post().uri("/api/inference").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("library", library, "prompt", question)).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.experiences.length()").isEqualTo(2);
        var served = simulator.journal().recent().getLast().messages();

        assertThat(evaluated).isEqualTo(served);
        assertThat(evaluated.getFirst().content()).contains("[E1]").contains("[E5]").doesNotContain("[E2]")
                .doesNotContain("[E3]").doesNotContain("[E4]");
    }

    private static Map<String, String> add(String text) {
        return Map.of("op", "ADD", "text", text);
    }
}
