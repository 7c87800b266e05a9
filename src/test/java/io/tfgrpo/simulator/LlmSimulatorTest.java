package io.tfgrpo.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tfgrpo.simulator.LlmSimulator.Journal;
import io.tfgrpo.simulator.LlmSimulator.Options;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Rollouts against an answers file, and the determinism that lets tests prove a call was not repeated. */
class LlmSimulatorTest {

    private static final Pattern BOXED = Pattern.compile("\\\\boxed\\{(.*)}\\.?$");
    private static final String PROBLEM = "Josh buys a house for $80,000 and puts in $50,000 in repairs. "
            + "This increased the value of the house by 150%. How much profit did he make?";
    private static final String LIBRARY = """
            Read these experiences carefully and use those that apply.
            [E1] When a problem gives a percentage change, apply it to the original value.
            [E2] When costs are listed, add them all before computing a profit.""";

    @TempDir
    Path dir;

    private Path answers;
    private LlmSimulator simulator;
    private SimulatorClient client;

    @BeforeEach
    void writeAnswers() throws IOException {
        answers = dir.resolve("answers.jsonl");
        Files.writeString(answers, """
                {"id": "q1", "problem": "%s", "answer": "70000"}
                {"id": "q2", "question": "What is 6 times 7?", "answer": 42}
                {"id": "q3", "prompt": "Simplify  \\\\frac{28}{6}.", "answer": "\\\\frac{14}{3}"}
                """.formatted(PROBLEM));
    }

    @AfterEach
    void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    void aRolloutReasonsAboutTheProblemAndEndsInABoxedAnswer() {
        start(Options.defaults().withAccuracy(1));

        String content = client.content(rollout(null, "Solve this problem:\n" + PROBLEM, 1));

        assertThat(boxed(content)).isEqualTo("70000");
        assertThat(content).containsAnyOf("80,000", "50,000", "150").contains("\\boxed{70000}");
        assertThat(content.split("(?<=\\.) ")).hasSizeBetween(2, 4);
        Journal.Request logged = simulator.journal().recent().getFirst();
        assertThat(logged.purpose()).isEqualTo("rollout");
        assertThat(logged.seed()).isEqualTo(1L);
        assertThat(logged.temperature()).isEqualTo(0.7);
        assertThat(logged.carriesExperiences()).isFalse();
        assertThat(logged.messages()).extracting(Journal.Message::role).containsExactly("user");
    }

    @Test
    void accuracyOneIsAlwaysRightAndAccuracyZeroAlwaysWrong() {
        start(Options.defaults().withAccuracy(1));
        for (int seed = 0; seed < 20; seed++) {
            assertThat(boxed(client.content(rollout(null, "What is 6 times 7?", seed)))).isEqualTo("42");
        }
        simulator.close();

        start(Options.defaults().withAccuracy(0));
        for (int seed = 0; seed < 20; seed++) {
            assertThat(boxed(client.content(rollout(null, PROBLEM, seed)))).isNotEqualTo("70000").matches("\\d+");
            // whitespace differs from the file's, and the answer is not a number
            assertThat(boxed(client.content(rollout(null, "Simplify \\frac{28}{6}.", seed))))
                    .isNotEqualTo("\\frac{14}{3}").startsWith("\\frac{");
        }
    }

    @Test
    void thePriorBoostAppliesOnlyWhenTheRequestCarriesExperiences() {
        start(Options.defaults().withAccuracy(0).withPriorBoost(1));

        for (int seed = 0; seed < 10; seed++) {
            assertThat(boxed(client.content(rollout(LIBRARY, PROBLEM, seed)))).isEqualTo("70000");
            assertThat(boxed(client.content(rollout("You are a careful solver. See [E1].", PROBLEM, seed))))
                    .as("a code mentioned in passing is not a library").isNotEqualTo("70000");
        }
        String withLibrary = client.content(rollout(LIBRARY, PROBLEM, 99));
        assertThat(withLibrary).containsPattern("\\[E[12]]");
        assertThat(simulator.journal().recent()).filteredOn(Journal.Request::carriesExperiences).hasSize(11);
    }

    @Test
    void theObservedAccuracyMatchesTheSetting() {
        start(Options.defaults().withAccuracy(0.3));

        int right = 0;
        for (int seed = 0; seed < 400; seed++) {
            if (boxed(client.content(rollout(null, PROBLEM, seed))).equals("70000")) {
                right++;
            }
        }

        assertThat(right / 400.0).isCloseTo(0.3, within(0.08));
    }

    @Test
    void theSameRequestGetsTheSameAnswerAndIsCountedAsARepeat() {
        start(Options.defaults());

        String first = client.content(rollout(null, PROBLEM, 7));
        String again = client.content(rollout(null, PROBLEM, 7));
        Set<String> samples = new HashSet<>();
        for (int seed = 100; seed < 120; seed++) {
            samples.add(client.content(rollout(null, PROBLEM, seed)));
        }

        assertThat(again).isEqualTo(first);
        assertThat(samples).as("other seed fields, other samples").hasSizeGreaterThanOrEqualTo(15);
        Journal journal = simulator.journal();
        assertThat(journal.repeatedRequests()).isEqualTo(1);
        assertThat(journal.recent().get(1).repeated()).isTrue();
        assertThat(journal.recent().get(0).key()).isEqualTo(journal.recent().get(1).key()).hasSize(64);
        assertThat(journal.calls()).isEqualTo(22);
    }

    @Test
    void theSimulatorSeedChangesTheAnswers() {
        start(Options.defaults().withSeed(1));
        String one = client.content(rollout(null, "Think, then answer in \\boxed{}: name a prime.", 3));
        simulator.close();
        start(Options.defaults().withSeed(2));
        String two = client.content(rollout(null, "Think, then answer in \\boxed{}: name a prime.", 3));

        assertThat(one).isNotEqualTo(two);
    }

    @Test
    void nChoicesAreDistinctSamplesAndTheFirstIsTheSingleAnswer() {
        start(Options.defaults());
        ObjectNode single = rollout(null, PROBLEM, 5);
        ObjectNode three = rollout(null, PROBLEM, 5).put("n", 3);

        JsonNode completion = client.completion(three);

        assertThat(completion.get("choices")).hasSize(3);
        assertThat(completion.at("/choices/2/index").asInt()).isEqualTo(2);
        assertThat(completion.at("/choices/0/message/content").stringValue()).isEqualTo(client.content(single));
        assertThat(completion.at("/choices/1/message/content").stringValue())
                .isNotEqualTo(completion.at("/choices/2/message/content").stringValue());
    }

    @Test
    void unknownProblemsThatAskForABoxedAnswerAreRolloutsAndOtherCallsAreChat() {
        start(Options.defaults().withAccuracy(1));
        String problem = "A train travels 120 km in 2 hours. Put the final answer in \\boxed{}.";

        String first = client.content(rollout(null, problem, 1));
        String second = client.content(rollout(null, problem, 2));
        String chat = client.content(SimulatorClient.request(null, "Hello, who are you?"));

        assertThat(boxed(first)).matches("\\d+").isEqualTo(boxed(second));
        assertThat(chat).doesNotContain("\\boxed").isNotBlank();
        assertThat(simulator.journal().byPurpose()).containsEntry("rollout", 2L).containsEntry("chat", 1L);
    }

    private void start(Options options) {
        simulator = LlmSimulator.start(options.withPort(0).withAnswers(answers));
        client = new SimulatorClient(simulator);
    }

    private static ObjectNode rollout(String system, String user, long seed) {
        return SimulatorClient.request(system, user).put("seed", seed);
    }

    private static String boxed(String content) {
        Matcher matcher = BOXED.matcher(content);
        assertThat(matcher.find()).as("ends in \\boxed{}: %s", content).isTrue();
        return matcher.group(1);
    }
}
