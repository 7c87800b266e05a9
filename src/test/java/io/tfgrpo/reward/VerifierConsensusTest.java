package io.tfgrpo.reward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Ground-truth-free labels are taken with the job's own verifier's notion of equal answers, and each answer it
 * is then scored against agrees with that notion: the group's majority scores 1.
 */
class VerifierConsensusTest {

    private final Verifiers verifiers = new Verifiers(null,
            new RewardSettings(List.of(), Duration.ofSeconds(1), MathAnswers.DEFAULT_BUDGET), new SimpleMeterRegistry());

    @Test
    void exactGroupsAnswersAsItComparesThem() {
        Verifier exact = verifiers.create(new VerifierSpec(VerifierSpec.Type.EXACT, null, null, null, null, null));
        List<String> group = List.of("The capital of France:\nParis", "paris ", "\\boxed{Lyon}", "Lyon?");

        assertThat(exact.consensus(group)).contains("Paris");
        assertThat(group.stream().map(r -> exact.score(new Attempt("Capital?", "Paris", r)).value()).toList())
                .containsExactly(1.0, 1.0, 0.0, 0.0);
        // case-sensitive: Paris and paris are two answers, and a tie is no label
        Verifier strict = verifiers.create(new VerifierSpec(VerifierSpec.Type.EXACT, true, null, null, null, null));
        assertThat(strict.consensus(group)).isEmpty();
        assertThat(strict.consensus(List.of("Paris", "paris", "Paris  "))).contains("Paris");
    }

    @Test
    void regexGroupsAnswersByTheCapturedGroup() {
        Verifier regex = verifiers.create(new VerifierSpec(VerifierSpec.Type.REGEX, null, "Colour: (?<answer>\\w+)",
                null, null, null));
        // every response ends with the number 7, which is what a math reading would agree on
        List<String> group = List.of("Colour: blue, after 7", "Colour: Blue, after 7", "Colour: red, after 7",
                "no colour at all, after 7");

        assertThat(regex.consensus(group)).contains("blue");
        assertThat(group.stream().map(r -> regex.score(new Attempt("Sky?", "blue", r)).value()).toList())
                .containsExactly(1.0, 1.0, 0.0, 0.0);
        // a pattern without an answer group compares with no reference, so it has no notion of equal answers
        assertThat(verifiers.create(new VerifierSpec(VerifierSpec.Type.REGEX, null, "Colour", null, null, null))
                .consensus(group)).isEmpty();
    }

    @Test
    void mathGroupsEquivalentAnswers() {
        Verifier math = verifiers.create(VerifierSpec.math());

        assertThat(math.consensus(List.of("so \\boxed{0.5}", "\\boxed{\\frac{1}{2}}", "\\boxed{3}"))).contains("0.5");
        assertThat(math.consensus(List.of("Paris", "paris "))).as("no final answer a math reading can find").isEmpty();
    }

    @Test
    void judgesAndWebhooksHaveNoNotionOfEqualAnswers() {
        assertThat(verifiers.create(new VerifierSpec(VerifierSpec.Type.LLM_JUDGE, null, null, "judge", null, null))
                .consensus(List.of("7", "7"))).isEmpty();
    }

    @Test
    void aRegexConsensusOfHostileResponsesIsBoundedByTheBudget() {
        Verifier regex = verifiers.create(new VerifierSpec(VerifierSpec.Type.REGEX, null, "(a|aa)+(?<answer>b)",
                null, null, null));
        List<String> hostile = IntStream.range(0, 8).mapToObj(i -> "a".repeat(5_000 + i) + "c").toList();

        assertThat(assertTimeoutPreemptively(Duration.ofSeconds(5), () -> regex.consensus(hostile))).isEmpty();
    }
}
