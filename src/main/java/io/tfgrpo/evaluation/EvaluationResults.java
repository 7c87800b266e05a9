package io.tfgrpo.evaluation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Turns stored answers into Mean@k, Pass@k and paired comparisons with the baseline. */
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
            Map<Integer, List<EvaluationStore.Answer>> byProblem = byProblem(mine);
            double passAtK = byProblem.values().stream().mapToDouble(group -> Statistics.passAtK(group.size(),
                    (int) group.stream().filter(a -> a.reward() >= 1.0).count(), Math.min(c.k(), group.size())))
                    .average().orElse(0);
            Statistics.Interval interval = Statistics.pairedBootstrap(byProblem.values().stream()
                    .mapToDouble(EvaluationResults::mean).toArray(), RESAMPLES, CONFIDENCE, c.seed());
            results.add(new EvaluationView.VersionResult(label, byProblem.size(), mine.size(),
                    mine.stream().mapToDouble(EvaluationStore.Answer::reward).average().orElse(0), interval.lower(),
                    interval.upper(), passAtK,
                    mine.stream().mapToInt(EvaluationStore.Answer::tokens).average().orElse(0),
                    mine.stream().map(EvaluationStore.Answer::cost).reduce(BigDecimal.ZERO, BigDecimal::add),
                    (int) mine.stream().filter(EvaluationStore.Answer::failed).count()));
        }
        return results;
    }

    /** Each non-baseline version against the baseline, over the problems both have complete answers for. */
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
                    .filter(item -> baseline.get(item).size() == c.k() && version.get(item).size() == c.k())
                    .mapToDouble(item -> mean(version.get(item)) - mean(baseline.get(item))).toArray();
            Statistics.Interval interval = Statistics.pairedBootstrap(differences, RESAMPLES, CONFIDENCE, c.seed());
            comparisons.add(new EvaluationView.Comparison(label, c.baseline(), interval.estimate(), interval.lower(),
                    interval.upper(), CONFIDENCE, differences.length));
        }
        return comparisons;
    }

    private static Map<Integer, List<EvaluationStore.Answer>> byProblem(List<EvaluationStore.Answer> answers) {
        return answers.stream().collect(Collectors.groupingBy(EvaluationStore.Answer::item, TreeMap::new,
                Collectors.toList()));
    }

    private static double mean(List<EvaluationStore.Answer> answers) {
        return answers.stream().mapToDouble(EvaluationStore.Answer::reward).average().orElse(0);
    }
}
