package io.tfgrpo.reward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import tools.jackson.databind.json.JsonMapper;

class VerifiersTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final Verifiers verifiers = new Verifiers(null, new RewardSettings(List.of("grader.internal"),
            Duration.ofSeconds(1), MathAnswers.DEFAULT_BUDGET), new SimpleMeterRegistry());

    static Stream<Arguments> mathScores() {
        return Stream.of(
                Arguments.of("The sum is 12, so the answer is \\boxed{14}.", "14", 1.0, "14", "matches the reference"),
                Arguments.of("so \\boxed{\\dfrac{1}{2}}", "0.5", 1.0, "\\dfrac{1}{2}", "matches the reference"),
                Arguments.of("\\boxed{12}", "\\boxed{14}", 0.0, "12", "got 12, expected 14"),
                Arguments.of("Final Answer: 25", "\\boxed{025}", 1.0, "25", "matches the reference"),
                Arguments.of("I am not sure.", "14", 0.0, null, "no final answer found"),
                Arguments.of(null, "14", 0.0, null, "no final answer found"));
    }

    @ParameterizedTest(name = "[{index}] {0} vs {1}")
    @MethodSource("mathScores")
    void mathScoresTheFinalAnswer(String response, String reference, double value, String extracted, String reason) {
        Reward reward = verifiers.create(VerifierSpec.math()).score(new Attempt("p", reference, response));

        assertThat(reward).isEqualTo(new Reward(value, extracted, reason));
    }

    @ParameterizedTest(name = "[{index}] {0} / {1} (case-sensitive: {2}) -> {3}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            'Thinking...\\n\\n  Paris  '      | paris          | null  | 1.0 | Paris
            'Thinking...\\n\\n  Paris  '      | paris          | true  | 0.0 | Paris
            'Thinking...\\n\\n  Paris  '      | Paris          | true  | 1.0 | Paris
            'it is \\boxed{New   York} \\n ok' | ' new york '   | false | 1.0 | New York
            'Lyon\\n'                         | Paris          | false | 0.0 | Lyon
            '  \\n '                          | Paris          | false | 0.0 | null
            """)
    void exactComparesTheBoxOrTheLastLine(String response, String reference, Boolean caseSensitive, double value,
            String extracted) {
        VerifierSpec spec = new VerifierSpec(VerifierSpec.Type.EXACT, caseSensitive, null, null, null, null);
        Reward reward = verifiers.create(spec).score(new Attempt("p", reference, response.replace("\\n", "\n")));

        assertThat(reward.value()).isEqualTo(value);
        assertThat(reward.extractedAnswer()).isEqualTo(extracted);
    }

    @ParameterizedTest(name = "[{index}] /{0}/ on {1} -> {4}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            'Answer:\\s*(?<answer>\\w+)' | 'Answer: B then Answer: c' | C    | null | 1.0 | c
            'Answer:\\s*(?<answer>\\w+)' | 'Answer: B then Answer: c' | C    | true | 0.0 | c
            'Answer:\\s*(?<answer>\\w+)' | 'Answer: B then Answer: c' | B    | null | 0.0 | c
            'Answer:\\s*(?<answer>\\w+)' | 'no verdict'               | B    | null | 0.0 | null
            '\\bQED\\b'                  | 'and so on. QED.'          | null | null | 1.0 | QED
            '\\bQED\\b'                  | 'and so on.'               | null | null | 0.0 | null
            """)
    void regexComparesTheAnswerGroupOrJustMatches(String pattern, String response, String reference,
            Boolean caseSensitive, double value, String extracted) {
        VerifierSpec spec = new VerifierSpec(VerifierSpec.Type.REGEX, caseSensitive, pattern, null, null, null);
        Reward reward = verifiers.create(spec).score(new Attempt("p", reference, response));

        assertThat(reward.value()).isEqualTo(value);
        assertThat(reward.extractedAnswer()).isEqualTo(extracted);
    }

    @Test
    void regexLooksOnlyAtTheEndOfAVeryLongResponse() {
        VerifierSpec spec = new VerifierSpec(VerifierSpec.Type.REGEX, null, "START", null, null, null);
        String response = "START" + "x".repeat(RegexVerifier.MAX_EXAMINED);

        assertThat(verifiers.create(spec).score(new Attempt("p", null, response)).value()).isZero();
        assertThat(verifiers.create(spec).score(new Attempt("p", null, response.substring(1) + "START")).value())
                .isEqualTo(1.0);
    }

    @Test
    void aCatastrophicPatternRunsOutOfTimeInsteadOfHanging() {
        VerifierSpec spec = new VerifierSpec(VerifierSpec.Type.REGEX, null, "^(.*a){12}$", null, null, null);

        // about 60^12 ways to fail; without the budget this runs for hours
        Reward reward = verifiers.create(spec).score(new Attempt("p", null, "a".repeat(60) + "!"));

        assertThat(reward.value()).isZero();
        assertThat(reward.reason()).isEqualTo("the pattern took too long on this response");
    }

    @Test
    void verifiersThatCompareWithAReferenceRefuseAnAttemptWithoutOne() {
        assertThatThrownBy(() -> verifiers.create(VerifierSpec.math()).score(new Attempt("p", null, "\\boxed{1}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the math verifier needs a reference answer");
    }

    static Stream<Arguments> specs() {
        return Stream.of(
                Arguments.of(VerifierSpec.math(), List.of(), true),
                Arguments.of(spec(VerifierSpec.Type.EXACT, true, null, null, null), List.of(), true),
                Arguments.of(spec(VerifierSpec.Type.REGEX, null, "Answer: (?<answer>\\d+)", null, null), List.of(),
                        true),
                Arguments.of(spec(VerifierSpec.Type.REGEX, false, "QED", null, null), List.of(), false),
                Arguments.of(spec(VerifierSpec.Type.REGEX, null, null, null, null),
                        List.of("verifier.pattern: is required for the regex verifier"), false),
                Arguments.of(spec(VerifierSpec.Type.REGEX, null, "(unclosed", null, null),
                        List.of("verifier.pattern: does not compile: Unclosed group near index 9"), false),
                Arguments.of(spec(VerifierSpec.Type.LLM_JUDGE, null, null, "default", null), List.of(), false),
                Arguments.of(spec(VerifierSpec.Type.LLM_JUDGE, null, null, " ", null),
                        List.of("verifier.profile: is required for the llm-judge verifier"), false),
                Arguments.of(spec(VerifierSpec.Type.WEBHOOK, null, null, null, "https://grader.example/score"),
                        List.of(), false),
                Arguments.of(spec(VerifierSpec.Type.WEBHOOK, null, null, null, null),
                        List.of("verifier.url: is required for the webhook verifier"), false),
                Arguments.of(spec(VerifierSpec.Type.WEBHOOK, null, null, null, "ftp://grader.example"),
                        List.of("verifier.url: must be an absolute http or https URL"), false),
                Arguments.of(spec(VerifierSpec.Type.MATH, true, "x", null, null),
                        List.of("verifier.caseSensitive: does not apply to the math verifier",
                                "verifier.pattern: does not apply to the math verifier"), true),
                Arguments.of(spec(null, null, null, null, null),
                        List.of("verifier.type: is required; one of [math, exact, regex, llm-judge, webhook]"), false));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("specs")
    void specsSayWhatIsWrongAndWhetherTheyNeedAReference(VerifierSpec spec, List<String> problems, boolean needs) {
        assertThat(spec.problems()).isEqualTo(problems);
        assertThat(spec.needsReferenceAnswer()).isEqualTo(needs);
    }

    @Test
    void anInvalidSpecMakesNoVerifier() {
        assertThatThrownBy(() -> verifiers.create(spec(VerifierSpec.Type.REGEX, null, "(", null, null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid verifier: verifier.pattern: does not compile");
    }

    @Test
    void aWebhookMayOnlyCallAnAllowedHost() {
        assertThat(verifiers.create(spec(VerifierSpec.Type.WEBHOOK, null, null, null, "https://grader.internal/score")))
                .isInstanceOf(WebhookVerifier.class);
        assertThatThrownBy(() -> verifiers.create(spec(VerifierSpec.Type.WEBHOOK, null, null, null,
                "http://169.254.169.254/latest/meta-data"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("host 169.254.169.254 is not in tfgrpo.reward.webhook-allowed-hosts");
    }

    @Test
    void anLlmJudgeIsMadeForItsProfile() {
        assertThat(verifiers.create(spec(VerifierSpec.Type.LLM_JUDGE, null, null, "default", null)))
                .isInstanceOf(LlmJudgeVerifier.class);
    }

    @ParameterizedTest
    @CsvSource({"math, MATH", "EXACT, EXACT", "Regex, REGEX", "llm-judge, LLM_JUDGE", "LLM-Judge, LLM_JUDGE",
            "llm_judge, LLM_JUDGE", "webhook, WEBHOOK"})
    void typesAcceptTheirJsonNamesInAnyCase(String name, VerifierSpec.Type type) {
        assertThat(VerifierSpec.Type.of(name)).isEqualTo(type);
    }

    @Test
    void specsTravelAsJsonWithHyphenatedLowerCaseTypes() {
        VerifierSpec spec = JSON.readValue("{\"type\": \"llm-judge\", \"profile\": \"default\"}", VerifierSpec.class);

        assertThat(spec).isEqualTo(spec(VerifierSpec.Type.LLM_JUDGE, null, null, "default", null));
        assertThat(JSON.readTree(JSON.writeValueAsString(spec)).get("type").asString()).isEqualTo("llm-judge");
        assertThat(JSON.readValue(JSON.writeValueAsString(spec), VerifierSpec.class)).isEqualTo(spec);
        assertThatThrownBy(() -> JSON.readValue("{\"type\": \"judge\"}", VerifierSpec.class))
                .hasMessageContaining("unknown verifier type 'judge'");
    }

    @Test
    void rewardsStayInZeroToOne() {
        assertThatThrownBy(() -> new Reward(1.5, null, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Reward(Double.NaN, null, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThat(new Reward(0.25, null, "partial").value()).isEqualTo(0.25);
    }

    private static VerifierSpec spec(VerifierSpec.Type type, Boolean caseSensitive, String pattern, String profile,
            String url) {
        return new VerifierSpec(type, caseSensitive, pattern, profile, null, url);
    }
}
