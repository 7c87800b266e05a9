package io.tfgrpo.reward;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * Ground-truth-free mode: a group's pseudo-label is the answer most of its rollouts agree on. Rollouts that gave
 * no answer (null or blank) are not counted and never become the label. When two classes tie for the most
 * votes there is no label, and the group is skipped.
 */
public final class Consensus {

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

    /** {@link #majority} with {@link MathAnswers#equivalent}. */
    public static Optional<String> majorityMath(List<String> extractedAnswers) {
        return majority(extractedAnswers, MathAnswers::equivalent);
    }
}
