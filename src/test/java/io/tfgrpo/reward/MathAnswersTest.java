package io.tfgrpo.reward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import tools.jackson.databind.json.JsonMapper;

class MathAnswersTest {

    private static final Path DATASETS = Path.of("/work/shared/datasets");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The table is a file because its LaTeX reads better without Java's escaping. */
    @ParameterizedTest(name = "[{index}] {3}: {1} vs {2} -> {0}")
    @CsvFileSource(resources = "equivalence.csv", delimiter = '|', numLinesToSkip = 1, maxCharsPerColumn = 500)
    void decidesEquivalence(String verdict, String a, String b, String what) {
        boolean expected = switch (verdict) {
            case "equal" -> true;
            case "different" -> false;
            default -> throw new IllegalArgumentException("verdict is equal or different, not " + verdict);
        };
        assertThat(MathAnswers.equivalent(a, b)).as("%s: %s vs %s", what, a, b).isEqualTo(expected);
        assertThat(MathAnswers.equivalent(b, a)).as("%s (swapped): %s vs %s", what, b, a).isEqualTo(expected);
    }

    static Stream<Arguments> extractions() {
        return Stream.of(
                Arguments.of("nested braces", "so \\boxed{\\frac{1}{2}}.", "\\frac{1}{2}"),
                Arguments.of("the last box wins", "first \\boxed{1}, then after checking \\boxed{2}", "2"),
                Arguments.of("space before the brace", "hence $\\boxed {17}$", "17"),
                Arguments.of("fbox", "\\fbox{x=3}", "x=3"),
                Arguments.of("escaped braces in a box", "\\boxed{\\{1,2\\}}", "\\{1,2\\}"),
                Arguments.of("an unclosed last box is skipped", "\\boxed{4} ... \\boxed{5", "4"),
                Arguments.of("an empty last box is skipped", "\\boxed{4} and \\boxed{ }", "4"),
                Arguments.of("a box beats a phrase", "The final answer is 3. \\boxed{4}", "4"),
                Arguments.of("final answer is", "Adding up, the final answer is 42.", "42"),
                Arguments.of("Final Answer: with dollars", "Final Answer: $\\frac{3}{4}$", "\\frac{3}{4}"),
                Arguments.of("bold Final Answer:", "work\n**Final Answer:** 7\n", "7"),
                Arguments.of("Final Answer as a heading", "work\n**Final Answer**\n\n$12$\n", "12"),
                Arguments.of("final answer beats the answer is", "Final answer: 4\nthe answer is 5", "4"),
                Arguments.of("a mention is not a heading", "Before the final answer, note x = 3", "3"),
                Arguments.of("the answer is, sentence cut", "So the answer is 5. Because 2 + 3 = 5.", "5"),
                Arguments.of("the last phrase wins", "The answer is 3. No: the answer is 4.", "4"),
                Arguments.of("Answer: with units", "Answer: 12 apples", "12 apples"),
                Arguments.of("bold Answer:", "**Answer:** (B)", "(B)"),
                Arguments.of("GSM8K marker", "48 / 2 = 24\n#### 24", "24"),
                Arguments.of("last number", "3 + 4 = 7, so she has 7 apples left", "7"),
                Arguments.of("last number, negative", "the temperature falls to -5 degrees", "-5"),
                Arguments.of("last number, not a difference", "10-4 leaves 6 and then 10-4", "4"),
                Arguments.of("last number with separators", "it costs $1,250 in total", "1,250"),
                Arguments.of("last number, decimal", "x is about 3.75 now.", "3.75"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("extractions")
    void extractsTheFinalAnswer(String what, String response, String expected) {
        assertThat(MathAnswers.extractFinal(response)).as(what).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   \n ", "I do not know.", "no idea, sorry"})
    void findsNoAnswerWhenThereIsNone(String response) {
        assertThat(MathAnswers.extractFinal(response)).isEmpty();
        assertThat(MathAnswers.extractFinal(null)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " "})
    void noAnswerIsEquivalentToNothing(String blank) {
        assertThat(MathAnswers.equivalent(blank, blank)).isFalse();
        assertThat(MathAnswers.equivalent(null, null)).isFalse();
        assertThat(MathAnswers.equivalent("1", null)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"gsm8k_test_200.jsonl", "math500.jsonl", "aime24.jsonl"})
    void everyDatasetAnswerSurvivesBoxingExtractionAndComparison(String file) throws IOException {
        // aime25.jsonl is the held-out evaluation set: never read here
        Path path = DATASETS.resolve(file);
        assumeTrue(Files.isRegularFile(path), "the shared datasets are not on this machine");
        long checked = 0;
        for (String line : Files.readAllLines(path)) {
            if (line.isBlank()) {
                continue;
            }
            String answer = JSON.readTree(line).get("answer").asString();
            Optional<String> extracted = MathAnswers.extractFinal("... so \\boxed{" + answer + "}");
            assertThat(extracted).as("extracted from a box: %s", answer).contains(answer.strip());
            assertThat(MathAnswers.equivalent(extracted.get(), answer)).as("equivalent to itself: %s", answer).isTrue();
            checked++;
        }
        assertThat(checked).isPositive();
    }
}
