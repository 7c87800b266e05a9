package io.tfgrpo.reward;

import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * With a named group {@code answer}: 1 when the last match's group equals the reference (trimmed, and ignoring
 * case unless case-sensitive). Without one: 1 when the pattern is found anywhere. Patterns come from users, so
 * the input is capped and the matching is given a time budget: a pattern that backtracks catastrophically scores 0
 * instead of holding a thread.
 */
final class RegexVerifier implements Verifier {

    /** Only the end of a longer response is examined: that is where final answers are. */
    static final int MAX_EXAMINED = 100_000;
    private static final long BUDGET_NANOS = 1_000_000_000L;

    private final Pattern pattern;
    private final boolean caseSensitive;
    private final boolean hasAnswerGroup;

    RegexVerifier(Pattern pattern, boolean caseSensitive) {
        this.pattern = pattern;
        this.caseSensitive = caseSensitive;
        this.hasAnswerGroup = hasAnswerGroup(pattern);
    }

    static boolean hasAnswerGroup(Pattern pattern) {
        return pattern.namedGroups().containsKey("answer");
    }

    @Override
    public Reward score(Attempt attempt) {
        String reference = hasAnswerGroup
                ? Verifiers.requireReference(attempt, "a regex verifier with an answer group").strip() : null;
        String response = attempt.response() == null ? "" : attempt.response();
        String examined = response.substring(Math.max(0, response.length() - MAX_EXAMINED));
        Matcher matcher = pattern.matcher(new Budgeted(examined, System.nanoTime() + BUDGET_NANOS));
        try {
            if (!hasAnswerGroup) {
                return matcher.find() ? Reward.pass(matcher.group(), "the pattern matches")
                        : Reward.fail(null, "the pattern does not match");
            }
            MatchResult last = matcher.results().reduce((first, second) -> second).orElse(null);
            if (last == null || last.group("answer") == null) {
                return Reward.fail(null, "the pattern does not match");
            }
            String answer = last.group("answer").strip();
            return Verifiers.compared(Verifiers.sameText(answer, reference, caseSensitive), answer, reference);
        }
        catch (OutOfTime e) {
            return Reward.fail(null, "the pattern took too long on this response");
        }
    }

    /** The matcher reads through {@code charAt}, so checking the clock there bounds any pattern's run time. */
    private static final class Budgeted implements CharSequence {

        private final CharSequence text;
        private final long deadline;
        private int reads;

        Budgeted(CharSequence text, long deadline) {
            this.text = text;
            this.deadline = deadline;
        }

        @Override
        public char charAt(int index) {
            if ((++reads & 0x3FF) == 0 && System.nanoTime() > deadline) {
                throw new OutOfTime();
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new Budgeted(text.subSequence(start, end), deadline);
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }

    private static final class OutOfTime extends RuntimeException {
        OutOfTime() {
            super("regex time budget exceeded", null, false, false);
        }
    }
}
