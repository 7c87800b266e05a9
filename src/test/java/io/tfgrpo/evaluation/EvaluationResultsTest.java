package io.tfgrpo.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.tfgrpo.reward.VerifierSpec;

/** The figures of stored answers: Pass@k for several k from one set of samples, and Mean@n with its interval. */
class EvaluationResultsTest {

    private static EvaluationConfig config(int samples, List<Integer> k) {
        return new EvaluationConfig(UUID.randomUUID(), "lib", List.of("1"), "sim", samples, k, 0.3,
                VerifierSpec.math(), 7L, null, null);
    }

    /** {@code correct} answers with reward 1, then wrong ones, {@code samples} in all, for one problem. */
    private static List<EvaluationStore.Answer> problem(int item, int samples, int correct) {
        List<EvaluationStore.Answer> answers = new ArrayList<>();
        for (int sample = 0; sample < samples; sample++) {
            answers.add(new EvaluationStore.Answer("1", item, sample, sample < correct ? 1 : 0, false, 10,
                    BigDecimal.ZERO));
        }
        return answers;
    }

    @Test
    void passAtKForEachKComesFromTheSameEightSamples() {
        List<EvaluationStore.Answer> answers = new ArrayList<>();
        answers.addAll(problem(0, 8, 3));
        answers.addAll(problem(1, 8, 0));
        answers.addAll(problem(2, 8, 8));
        answers.addAll(problem(3, 8, 1));

        EvaluationView.VersionResult result = EvaluationResults.versions(config(8, List.of(1, 4, 8)), answers).getFirst();

        // 1 - C(n-c, k)/C(n, k) per problem, averaged: C(8,4) = 70, C(5,4) = 5, C(7,4) = 35
        assertThat(result.passAtK()).containsOnlyKeys(1, 4, 8);
        assertThat(result.passAtK().get(1)).isCloseTo((3 / 8.0 + 0 + 1 + 1 / 8.0) / 4, within(1e-12));
        assertThat(result.passAtK().get(4)).isCloseTo(((1 - 5 / 70.0) + 0 + 1 + (1 - 35 / 70.0)) / 4, within(1e-12));
        assertThat(result.passAtK().get(8)).isCloseTo((1 + 0 + 1 + 1) / 4.0, within(1e-12));
        assertThat(result.meanAtK()).isCloseTo(12 / 32.0, within(1e-12));
        assertThat(result.problems()).isEqualTo(4);
    }

    /** While a run goes on, a problem may have fewer answers than another: each problem weighs the same. */
    @Test
    void meanAtNAndItsIntervalComeFromTheSamePerProblemMeans() {
        List<EvaluationStore.Answer> answers = new ArrayList<>();
        answers.addAll(problem(0, 4, 4));
        answers.addAll(problem(1, 1, 0));
        answers.addAll(problem(2, 3, 1));
        EvaluationConfig config = config(4, List.of(1, 4));

        EvaluationView.VersionResult result = EvaluationResults.versions(config, answers).getFirst();

        double[] perProblem = { 1, 0, 1 / 3.0 };
        Statistics.Interval expected = Statistics.pairedBootstrap(perProblem, EvaluationResults.RESAMPLES,
                EvaluationResults.CONFIDENCE, 7L);
        assertThat(result.meanAtK()).isCloseTo(4 / 9.0, within(1e-12)).isCloseTo(expected.estimate(), within(1e-12));
        assertThat(result.meanAtKLower()).isEqualTo(expected.lower()).isLessThanOrEqualTo(result.meanAtK());
        assertThat(result.meanAtKUpper()).isEqualTo(expected.upper()).isGreaterThanOrEqualTo(result.meanAtK());
        assertThat(result.problems()).isEqualTo(3);
        assertThat(result.passAtK().get(4)).as("only problem 0 has 4 answers yet").isEqualTo(1.0);
        assertThat(result.passAtK().get(1)).isCloseTo(4 / 9.0, within(1e-12));
    }

    @Test
    void answersThatCouldNotBeJudgedCountInNoFigure() {
        List<EvaluationStore.Answer> answers = new ArrayList<>();
        answers.add(new EvaluationStore.Answer("1", 0, 0, 1, false, false, 10, BigDecimal.ZERO));
        answers.add(new EvaluationStore.Answer("1", 0, 1, 1, false, false, 10, BigDecimal.ZERO));
        answers.add(new EvaluationStore.Answer("1", 0, 2, 0, false, true, 10, BigDecimal.ZERO));
        answers.add(new EvaluationStore.Answer("1", 0, 3, 0, false, true, 10, BigDecimal.ZERO));
        answers.addAll(problem(1, 4, 0));
        answers.add(new EvaluationStore.Answer("1", 2, 0, 0, false, true, 10, BigDecimal.ZERO));

        EvaluationView.VersionResult result = EvaluationResults.versions(config(4, List.of(1, 4)), answers).getFirst();

        assertThat(result.judgeFailed()).isEqualTo(3);
        assertThat(result.samples()).isEqualTo(9);
        assertThat(result.problems()).as("problem 2 has no scored answer").isEqualTo(2);
        assertThat(result.meanAtK()).isCloseTo(0.5, within(1e-12));
        assertThat(result.passAtK().get(1)).isCloseTo(0.5, within(1e-12));
        assertThat(result.passAtK().get(4)).as("problem 0 has 2 scored answers, too few for Pass@4").isEqualTo(0.0);
        assertThat(EvaluationResults.outcome(answers.subList(0, 4)))
                .isEqualTo(new ProblemResult.Outcome(4, 2, 1.0, 2));
    }

    /** A run stored before samples were separate from k reads as samples = k, Pass@k for that k. */
    @Test
    void aRunStoredWithOneKReadsAsThatManySamples() {
        EvaluationConfig stored = tools.jackson.databind.json.JsonMapper.builder().build().readValue("""
                {"datasetId": "3f6c2a1e-8b4d-4e7a-9c2f-5d1b7e9a0c4d", "library": "lib", "versions": ["none", "1"],
                 "model": "sim", "k": 8, "temperature": 0.3, "verifier": {"type": "math"}, "seed": 7, "budget": null}""",
                EvaluationConfig.class);
        assertThat(stored.samples()).isEqualTo(8);
        assertThat(stored.k()).containsExactly(8);
    }

    @Test
    void aComparisonPairsTheProblemsBothVersionsHaveAllAnswersFor() {
        EvaluationConfig config = new EvaluationConfig(UUID.randomUUID(), "lib", List.of("none", "1"), "sim", 2,
                List.of(2), 0.3, VerifierSpec.math(), 7L, null, null);
        List<EvaluationStore.Answer> answers = new ArrayList<>();
        for (int item = 0; item < 3; item++) {
            answers.add(new EvaluationStore.Answer("none", item, 0, 0, false, 10, BigDecimal.ZERO));
            answers.add(new EvaluationStore.Answer("none", item, 1, 0, false, 10, BigDecimal.ZERO));
            answers.add(new EvaluationStore.Answer("1", item, 0, 1, false, 10, BigDecimal.ZERO));
        }
        answers.add(new EvaluationStore.Answer("1", 0, 1, 0, false, true, 10, BigDecimal.ZERO)); // judged: no
        answers.add(new EvaluationStore.Answer("1", 1, 1, 0, false, 10, BigDecimal.ZERO));

        EvaluationView.Comparison comparison = EvaluationResults.comparisons(config, answers).getFirst();

        // problem 0: 1 - 0; problem 1: 0.5 - 0; problem 2 lacks an answer under version 1
        assertThat(comparison.problems()).isEqualTo(2);
        assertThat(comparison.difference()).isCloseTo(0.75, within(1e-12));
    }
}
