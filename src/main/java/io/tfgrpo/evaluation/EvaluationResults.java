package io.tfgrpo.evaluation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Turns stored answers into Mean@n, Pass@k and paired comparisons with the baseline. Every figure starts from the
 * per-problem means of the scored answers (an answer the verifier could not score counts in none), so Mean@n and
 * its interval are one computation over one set of problems, also while the run goes on.
 */
final class EvaluationResults {

    static final int RESAMPLES = 2000;
    static final double CONFIDENCE = 0.95;

    private EvaluationResults() {
    }

    static List<EvaluationView.VersionResult> versions(EvaluationConfig c, List<EvaluationStore.Answer> answers) {
        Map<String, List<EvaluationStore.Answer>> byVersion = answers.stream()
                .collect(Collectors.groupingBy(EvaluationStore.Answer::label));
        List<EvaluationView.VersionResult> results = new ArrayList<>();
        for (String label : c.versions()) {
            List<EvaluationStore.Answer> mine = byVersion.getOrDefault(label, List.of());
            List<List<EvaluationStore.Answer>> scored = byProblem(mine).values().stream().map(EvaluationResults::scored)
                    .filter(problem -> !problem.isEmpty()).toList();
            Statistics.Interval meanAtN = Statistics.pairedBootstrap(scored.stream()
                    .mapToDouble(EvaluationResults::mean).toArray(), RESAMPLES, CONFIDENCE, c.seed());
            Map<Integer, Double> passAtK = new LinkedHashMap<>();
            c.k().forEach(k -> passAtK.put(k, passAtK(scored, k)));
            results.add(new EvaluationView.VersionResult(label, scored.size(), mine.size(), meanAtN.estimate(),
                    meanAtN.lower(), meanAtN.upper(), passAtK,
                    mine.stream().mapToInt(EvaluationStore.Answer::tokens).average().orElse(0),
                    mine.stream().map(EvaluationStore.Answer::cost).reduce(BigDecimal.ZERO, BigDecimal::add),
                    (int) mine.stream().filter(EvaluationStore.Answer::failed).count(),
                    (int) mine.stream().filter(EvaluationStore.Answer::judgeFailed).count()));
        }
        return results;
    }

    /**
     * Each non-baseline version against the baseline, over the problems both have all their answers for (and at
     * least one of them scored).
     */
    static List<EvaluationView.Comparison> comparisons(EvaluationConfig c, List<EvaluationStore.Answer> answers) {
        Map<String, Map<Integer, List<EvaluationStore.Answer>>> byVersion = answers.stream()
                .collect(Collectors.groupingBy(EvaluationStore.Answer::label, Collectors.collectingAndThen(
                        Collectors.toList(), EvaluationResults::byProblem)));
        Map<Integer, List<EvaluationStore.Answer>> baseline = byVersion.getOrDefault(c.baseline(), Map.of());
        List<EvaluationView.Comparison> comparisons = new ArrayList<>();
        for (String label : c.versions()) {
            if (label.equals(c.baseline())) {
                continue;
            }
            Map<Integer, List<EvaluationStore.Answer>> version = byVersion.getOrDefault(label, Map.of());
            double[] differences = baseline.keySet().stream().filter(version::containsKey)
                    .filter(item -> comparable(baseline.get(item), c) && comparable(version.get(item), c))
                    .mapToDouble(item -> mean(scored(version.get(item))) - mean(scored(baseline.get(item))))
                    .toArray();
            Statistics.Interval interval = Statistics.pairedBootstrap(differences, RESAMPLES, CONFIDENCE, c.seed());
            comparisons.add(new EvaluationView.Comparison(label, c.baseline(), interval.estimate(), interval.lower(),
                    interval.upper(), CONFIDENCE, differences.length));
        }
        return comparisons;
    }

    /** One problem's answers under one version. */
    static ProblemResult.Outcome outcome(List<EvaluationStore.Answer> answers) {
        List<EvaluationStore.Answer> scored = scored(answers);
        return new ProblemResult.Outcome(answers.size(), correct(scored), scored.isEmpty() ? 0 : mean(scored),
                answers.size() - scored.size());
    }

    /** The mean over problems with at least k scored answers of each one's unbiased Pass@k; null: none has k yet. */
    private static Double passAtK(List<List<EvaluationStore.Answer>> problems, int k) {
        var estimates = problems.stream().filter(problem -> problem.size() >= k)
                .mapToDouble(problem -> Statistics.passAtK(problem.size(), correct(problem), k)).summaryStatistics();
        return estimates.getCount() == 0 ? null : estimates.getAverage();
    }

    private static boolean comparable(List<EvaluationStore.Answer> answers, EvaluationConfig c) {
        return answers.size() == c.samples() && !scored(answers).isEmpty();
    }

    private static Map<Integer, List<EvaluationStore.Answer>> byProblem(List<EvaluationStore.Answer> answers) {
        return answers.stream().collect(Collectors.groupingBy(EvaluationStore.Answer::item, TreeMap::new,
                Collectors.toList()));
    }

    private static List<EvaluationStore.Answer> scored(List<EvaluationStore.Answer> answers) {
        return answers.stream().filter(answer -> !answer.judgeFailed()).toList();
    }

    /** Answers with reward 1: Pass@k counts an answer as correct only when it is fully right. */
    private static int correct(List<EvaluationStore.Answer> scored) {
        return (int) scored.stream().filter(answer -> answer.reward() >= 1.0).count();
    }

    private static double mean(List<EvaluationStore.Answer> scored) {
        return scored.stream().mapToDouble(EvaluationStore.Answer::reward).average().orElse(0);
    }
}
