package io.tfgrpo.reward;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
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

    /**
     * With an answer group: the majority captured answer (trimmed, and ignoring case unless case-sensitive), each
     * response matched once within the budget; a response the pattern cannot be run on in time has no answer.
     */
    @Override
    public Optional<String> consensus(List<String> responses) {
        if (!hasAnswerGroup) {
            return Optional.empty();
        }
        return Consensus.majorityByKey(responses.stream().map(this::capturedOrNull).toList(),
                answer -> caseSensitive ? answer : answer.toLowerCase(Locale.ROOT));
    }

    private String capturedOrNull(String response) {
        try {
            return captured(response == null ? "" : response);
        }
        catch (Deadline.Passed e) {
            cutShort.count("regex", "time");
            return null;
        }
        catch (StackOverflowError e) {
            cutShort.count("regex", "recursion");
            return null;
        }
    }

    /** The last match's answer group, trimmed; null when the pattern does not match. */
    private String captured(String response) {
        String examined = response.substring(Math.max(0, response.length() - MAX_EXAMINED));
        MatchResult last = pattern.matcher(Deadline.after(budget).watching(examined)).results()
                .reduce((first, second) -> second).orElse(null);
        return last == null || last.group("answer") == null ? null : last.group("answer").strip();
    }

    @Override
    public Reward score(Attempt attempt) {
        String reference = hasAnswerGroup
                ? Verifiers.requireReference(attempt, "a regex verifier with an answer group").strip() : null;
        String response = attempt.response() == null ? "" : attempt.response();
        try {
            if (!hasAnswerGroup) {
                String examined = response.substring(Math.max(0, response.length() - MAX_EXAMINED));
                Matcher matcher = pattern.matcher(Deadline.after(budget).watching(examined));
                return matcher.find() ? Reward.pass(matcher.group(), "the pattern matches")
                        : Reward.fail(null, "the pattern does not match");
            }
            String answer = captured(response);
            if (answer == null) {
                return Reward.fail(null, "the pattern does not match");
            }
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
