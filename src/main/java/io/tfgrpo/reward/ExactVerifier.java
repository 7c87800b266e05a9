package io.tfgrpo.reward;

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
        String response = attempt.response() == null ? "" : attempt.response();
        String answer = FinalAnswers.lastBoxed(response)
                .orElseGet(() -> response.lines().filter(line -> !line.isBlank()).reduce((a, b) -> b).orElse(""));
        if (answer.isBlank()) {
            return Reward.fail(null, "no answer found");
        }
        answer = collapse(answer);
        return Verifiers.compared(Verifiers.sameText(answer, reference, caseSensitive), answer, reference);
    }

    private static String collapse(String text) {
        return text.strip().replaceAll("\\s+", " ");
    }
}
