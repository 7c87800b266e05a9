package io.tfgrpo.reward;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * 1 when the answer is the reference, letter for letter up to surrounding and repeated whitespace (and case,
 * unless case-sensitive). The answer is the last {@code \boxed{}} content, else the last non-blank line.
 */
final class ExactVerifier implements Verifier {

    private final boolean caseSensitive;

    ExactVerifier(boolean caseSensitive) {
        this.caseSensitive = caseSensitive;
    }

    @Override
    public Reward score(Attempt attempt) {
        String reference = collapse(Verifiers.requireReference(attempt, "the exact verifier"));
        String answer = answerOf(attempt.response());
        if (answer.isBlank()) {
            return Reward.fail(null, "no answer found");
        }
        return Verifiers.compared(Verifiers.sameText(answer, reference, caseSensitive), answer, reference);
    }

    /** The majority answer as this verifier compares answers: collapsed whitespace, and case unless case-sensitive. */
    @Override
    public Optional<String> consensus(List<String> responses) {
        return Consensus.majorityByKey(responses.stream().map(ExactVerifier::answerOf).toList(),
                answer -> caseSensitive ? answer : answer.toLowerCase(Locale.ROOT));
    }

    /** The last {@code \boxed{}} content, else the last non-blank line, whitespace collapsed; blank when none. */
    private static String answerOf(String response) {
        String text = response == null ? "" : response;
        return collapse(FinalAnswers.lastBoxed(text)
                .orElseGet(() -> text.lines().filter(line -> !line.isBlank()).reduce((a, b) -> b).orElse("")));
    }

    private static String collapse(String text) {
        return text.strip().replaceAll("\\s+", " ");
    }
}
