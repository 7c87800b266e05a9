package io.tfgrpo.reward;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * Ground-truth-free mode: a group's pseudo-label is the answer most of its rollouts agree on. Rollouts that gave
 * no answer (null or blank) are not counted and never become the label. When two classes tie for the most
 * votes there is no label, and the group is skipped.
 */
final class Consensus {

    private Consensus() {
    }

    /**
     * The first-seen member of the strictly largest class of equivalent answers, or empty. Each answer joins the
     * first class whose first member it is equivalent to, so an equivalence that is not quite transitive (such as a
     * tolerance) still gives one deterministic grouping.
     */
    public static Optional<String> majority(List<String> extractedAnswers, BiPredicate<String, String> equivalent) {
        List<List<String>> classes = new ArrayList<>();
        for (String answer : extractedAnswers) {
            if (answer == null || answer.isBlank()) {
                continue;
            }
            classes.stream().filter(members -> equivalent.test(members.getFirst(), answer)).findFirst()
                    .ifPresentOrElse(members -> members.add(answer),
                            () -> classes.add(new ArrayList<>(List.of(answer))));
        }
        int most = classes.stream().mapToInt(List::size).max().orElse(0);
        List<List<String>> largest = classes.stream().filter(members -> members.size() == most).toList();
        return largest.size() == 1 ? Optional.of(largest.getFirst().getFirst()) : Optional.empty();
    }

    /**
     * {@link #majority} where two answers are equal when their keys are (a verifier's normalised form of an answer),
     * counted in one pass; the label is the first-seen answer of the winning key. A null key is no answer.
     */
    static Optional<String> majorityByKey(List<String> answers, Function<String, String> key) {
        Map<String, String> firstSeen = new LinkedHashMap<>();
        Map<String, Integer> votes = new HashMap<>();
        for (String answer : answers) {
            String k = answer == null || answer.isBlank() ? null : key.apply(answer);
            if (k != null) {
                firstSeen.putIfAbsent(k, answer);
                votes.merge(k, 1, Integer::sum);
            }
        }
        int most = votes.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        List<String> largest = votes.entrySet().stream().filter(e -> e.getValue() == most).map(Map.Entry::getKey)
                .toList();
        return largest.size() == 1 ? Optional.of(firstSeen.get(largest.getFirst())) : Optional.empty();
    }

    /** {@link #majority} with {@link MathAnswers#equivalent}. */
    public static Optional<String> majorityMath(List<String> extractedAnswers) {
        return majorityMath(extractedAnswers, MathAnswers.DEFAULT_BUDGET);
    }

    /**
     * {@link #majority} with {@link MathAnswers#equivalent}, each distinct answer read once within {@code budget}:
     * a group of G costs G readings, not G² comparisons that each read both answers again.
     */
    static Optional<String> majorityMath(List<String> extractedAnswers, Duration budget) {
        Map<String, MathAnswers.Reading> readings = new HashMap<>();
        Function<String, MathAnswers.Reading> read = answer -> readings.computeIfAbsent(answer,
                a -> MathAnswers.read(a, Deadline.after(budget)));
        return majority(extractedAnswers, (a, b) -> read.apply(a).sameAs(read.apply(b)));
    }

    /** {@link #majorityMath} of the final answers of {@code responses}, each found within {@code budget}. */
    static Optional<String> majorityOfResponses(List<String> responses, Duration budget) {
        return majorityMath(responses.stream().map(response -> MathAnswers.extractFinal(response, budget).orElse(null))
                .toList(), budget);
    }
}
