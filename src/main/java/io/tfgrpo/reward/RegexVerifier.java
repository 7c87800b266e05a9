package io.tfgrpo.reward;

import java.time.Duration;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * With a named group {@code answer}: 1 when the last match's group equals the reference (trimmed, and ignoring
 * case unless case-sensitive). Without one: 1 when the pattern is found anywhere. Patterns come from users, so
 * the input is capped and the matching is given a time budget ({@code tfgrpo.reward.verification-budget}): a pattern
 * that backtracks catastrophically scores 0 instead of holding a thread. Java's matcher recurses once per repetition of some groups ({@code (a|b)*}), so a
 * long response can also overflow the stack: that scores 0 too, instead of ending the job.
 */
final class RegexVerifier implements Verifier {

    /** Only the end of a longer response is examined: that is where final answers are. */
    static final int MAX_EXAMINED = 100_000;

    private final Pattern pattern;
    private final boolean caseSensitive;
    private final boolean hasAnswerGroup;
    private final Duration budget;
    private final CutShort cutShort;

    RegexVerifier(Pattern pattern, boolean caseSensitive, Duration budget, CutShort cutShort) {
        this.pattern = pattern;
        this.caseSensitive = caseSensitive;
        this.hasAnswerGroup = hasAnswerGroup(pattern);
        this.budget = budget;
        this.cutShort = cutShort;
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
        Matcher matcher = pattern.matcher(Deadline.after(budget).watching(examined));
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
        catch (Deadline.Passed e) {
            cutShort.count("regex", "time");
            return Reward.fail(null, "the pattern took too long on this response");
        }
        catch (StackOverflowError e) {
            // the matcher's frames are gone once this is caught: the thread goes on as before the match
            cutShort.count("regex", "recursion");
            return Reward.fail(null, "the pattern recursed too deeply on this response");
        }
    }
}
