package io.tfgrpo.reward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Answers built to cost CPU or stack: each is scored within a second, as not equivalent or as 0 with a reason, and
 * the regex and math verifiers count what they gave up on.
 */
class HostileAnswersTest {

    private static final Duration A_SECOND = Duration.ofSeconds(1);

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final Verifiers verifiers = verifiers(MathAnswers.DEFAULT_BUDGET);

    /**
     * {@code 1/3^{10000}+1/5^{6666}+...}: 25 terms, each power just small enough to be computed exactly on its own,
     * whose exact sum has a denominator of some 400,000 bits. Different {@code first} primes give different answers.
     */
    static String sumOfTinyFractions(int first) {
        StringBuilder sum = new StringBuilder();
        BigInteger prime = BigInteger.valueOf(first);
        for (int term = 0; term < 25; term++) {
            sum.append(term == 0 ? "" : "+").append("1/").append(prime).append("^{")
                    .append(20_000 / prime.bitLength()).append('}');
            prime = prime.nextProbablePrime();
        }
        return sum.toString();
    }

    @Test
    void aSumOfHugeFractionsIsComparedInMilliseconds() {
        String hostile = sumOfTinyFractions(3);
        assertThat(hostile).hasSizeBetween(240, 300).startsWith("1/3^{10000}+1/5^{6666}+");

        assertTimeoutPreemptively(A_SECOND, () -> {
            assertThat(MathAnswers.equivalent(hostile, "1")).isFalse();
            // too small to keep exact, but not zero
            assertThat(MathAnswers.equivalent(hostile, "0")).isFalse();
            assertThat(MathAnswers.equivalent(hostile, sumOfTinyFractions(5))).isFalse();
            assertThat(MathAnswers.equivalent(hostile, " " + hostile)).isTrue();
        });
        Reward reward = assertTimeoutPreemptively(A_SECOND,
                () -> verifiers.create(VerifierSpec.math()).score(new Attempt("p", "1", "\\boxed{" + hostile + "}")));
        assertThat(reward.value()).isZero();
        assertThat(reward.reason()).startsWith("got 1/3^{10000}+1/5^{6666}+").endsWith(", expected 1");
    }

    @Test
    void aGroupOfEightHostileAnswersFindsItsConsensusInMilliseconds() {
        List<String> eightDifferent = IntStream.range(0, 8).mapToObj(i -> sumOfTinyFractions(3 + 2 * i)).toList();
        List<String> sixAndAHalf = new ArrayList<>(eightDifferent.subList(0, 6));
        sixAndAHalf.addAll(List.of("\\frac{1}{2}", "0.5"));

        assertTimeoutPreemptively(A_SECOND, () -> {
            // every answer its own class: a tie, so no label
            assertThat(Consensus.majorityMath(eightDifferent)).isEmpty();
            assertThat(Consensus.majorityMath(sixAndAHalf)).contains("\\frac{1}{2}");
            assertThat(verifiers.create(VerifierSpec.math()).consensus(sixAndAHalf.stream()
                    .map(a -> "so \\boxed{" + a + "}").toList()))
                    .contains("\\frac{1}{2}");
        });
    }

    @Test
    void aRegexThatOverflowsTheStackScoresZeroWithACountedReason() {
        Verifier regex = verifiers.create(new VerifierSpec(VerifierSpec.Type.REGEX, null, "(a|b)*c", null, null, null));
        String answer = "ab".repeat(50_000);

        Reward reward = assertTimeoutPreemptively(A_SECOND, () -> regex.score(new Attempt("p", null, answer)));

        assertThat(reward).isEqualTo(new Reward(0, null, "the pattern recursed too deeply on this response"));
        assertThat(cutShort("regex", "recursion")).isEqualTo(1);
    }

    @Test
    void aRegexThatBacktracksWithoutEndScoresZeroWithACountedReason() {
        Verifier regex = verifiers.create(new VerifierSpec(VerifierSpec.Type.REGEX, null, "(a+)+b", null, null, null));

        Reward reward = assertTimeoutPreemptively(A_SECOND,
                () -> regex.score(new Attempt("p", null, "a".repeat(50_000))));

        assertThat(reward).isEqualTo(new Reward(0, null, "the pattern took too long on this response"));
        assertThat(cutShort("regex", "time")).isEqualTo(1);
    }

    @Test
    void aResponseBuiltAgainstTheAnswerPhrasesIsReadInMilliseconds() {
        // a budget that does not end the reading: the patterns themselves are linear now
        Verifier math = verifiers(Duration.ofSeconds(5)).create(VerifierSpec.math());
        // the heading's decoration recursed once per character; spaces before a colon backtracked quadratically
        String hashes = "The final answer " + "#".repeat(100_000);
        String spaces = "answer" + " \t".repeat(50_000) + "x";

        assertTimeoutPreemptively(A_SECOND, () -> {
            assertThat(math.score(new Attempt("p", "1", hashes))).isEqualTo(new Reward(0, null, "no final answer found"));
            assertThat(math.score(new Attempt("p", "1", spaces))).isEqualTo(new Reward(0, null, "no final answer found"));
            assertThat(MathAnswers.extractFinal(hashes)).isEmpty();
            assertThat(MathAnswers.extractFinal(spaces)).isEmpty();
        });
    }

    @Test
    void aComparisonOutOfTimeScoresZeroWithACountedReasonButTheSameTextStillMatches() {
        Verifier math = verifiers(Duration.ofNanos(1)).create(VerifierSpec.math());

        assertThat(MathAnswers.equivalent("1/2+1/3", "\\frac{5}{6}")).isTrue();
        assertThat(math.score(new Attempt("p", "\\frac{5}{6}", "\\boxed{1/2+1/3}")))
                .isEqualTo(new Reward(0, "1/2+1/3", "the answer took too long to compare"));
        assertThat(cutShort("math", "time")).isEqualTo(1);
        assertThat(math.score(new Attempt("p", "\\frac{5}{6}", "\\boxed{\\frac{5}{6}}")).value()).isEqualTo(1);
        assertThat(MathAnswers.compare("1/2+1/3", "\\frac{5}{6}", Duration.ofNanos(1)))
                .isEqualTo(MathAnswers.Verdict.OUT_OF_TIME);
    }

    private Verifiers verifiers(Duration budget) {
        return new Verifiers(null, new RewardSettings(List.of(), Duration.ofSeconds(1), budget), meters);
    }

    private double cutShort(String verifier, String cause) {
        return meters.get(CutShort.METER).tags("verifier", verifier, "cause", cause).counter().count();
    }
}
