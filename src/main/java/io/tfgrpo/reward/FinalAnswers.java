package io.tfgrpo.reward;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the final answer in a model's response; see {@link MathAnswers#extractFinal(String)}. Responses may be long
 * and built to be costly: the patterns neither backtrack over runs of spaces nor recurse per repetition, and the
 * whole-response searches read the text under the verification's deadline.
 */
final class FinalAnswers {

    private static final Pattern BOX = Pattern.compile("\\\\(?:boxed|fbox)\\s*\\{");
    /** Only the last boxes are tried: a response full of unclosed ones must not take quadratic time. */
    private static final int MAX_BOXES = 50;
    /** Longest line taken after a phrase; an answer is short. */
    private static final int MAX_LINE = 1_000;
    private static final String BOLD = "[ \\t]*(?:\\*\\*)?[ \\t]*";
    /**
     * The phrases, strongest first; the last occurrence of the strongest phrase present wins. The answer is the rest
     * of the phrase's line. A phrase without a separator counts only as a heading ("**Final Answer**" followed by
     * the answer on the next line), so "before the final answer, check" is not taken for one.
     */
    private static final List<Pattern> PHRASES = List.of(
            Pattern.compile("(?i)\\bfinal\\s+answer[ \\t]*[*#]*+[ \\t]*(?<sep>is\\b[ \\t]*:?|[:=])?" + BOLD),
            Pattern.compile("(?i)\\banswer\\s+is\\b(?<sep>\\s*:?)" + BOLD),
            Pattern.compile("(?i)\\banswer\\s*+(?:\\*\\*)?+\\s*+(?<sep>:)" + BOLD),
            // GSM8K's own marker, which models tuned on it imitate
            Pattern.compile("(?m)^####(?<sep>)" + BOLD));
    private static final Pattern NUMBER = Pattern.compile(
            "(?<![\\w.])-?(?:\\d{1,3}(?:,\\d{3})+(?![\\d])|\\d+)(?:\\.\\d+)?(?:/\\d+)?|(?<![\\w.])-?\\.\\d+");
    /** A sentence goes on after the answer: "42. This is because ..." */
    private static final Pattern SENTENCE_END = Pattern.compile("\\.\\s.*$", Pattern.DOTALL);

    private FinalAnswers() {
    }

    /**
     * @throws Deadline.Passed     when the deadline passes first
     * @throws StackOverflowError  should a pattern still recurse too deeply on some response
     */
    static Optional<String> extract(String response, Deadline deadline) {
        if (response == null || response.isBlank()) {
            return Optional.empty();
        }
        return lastBoxed(response).or(() -> phrase(response, deadline)).or(() -> lastNumber(response, deadline));
    }

    /** The content of the last {@code \\boxed{..}} or {@code \\fbox{..}} that is closed and not empty. */
    static Optional<String> lastBoxed(String text) {
        if (text == null) {
            return Optional.empty();
        }
        List<Integer> opens = BOX.matcher(text).results().map(m -> m.end() - 1).toList();
        for (int i = opens.size() - 1; i >= Math.max(0, opens.size() - MAX_BOXES); i--) {
            int open = opens.get(i);
            int close = Latex.closingBrace(text, open);
            if (close > 0 && !text.substring(open + 1, close).isBlank()) {
                return Optional.of(text.substring(open + 1, close).strip());
            }
        }
        return Optional.empty();
    }

    private static Optional<String> phrase(String response, Deadline deadline) {
        for (Pattern phrase : PHRASES) {
            Matcher matcher = phrase.matcher(deadline.watching(response));
            List<Hit> hits = new ArrayList<>();
            while (matcher.find()) {
                hits.add(new Hit(matcher.group("sep") != null, matcher.end()));
            }
            for (Hit hit : hits.reversed()) {
                String line = line(response, hit.end());
                if (!hit.separated() && !line.isBlank()) {
                    continue;
                }
                String answer = clean(line);
                if (answer.isEmpty()) {
                    answer = clean(nextNonBlankLine(response, hit.end()));
                }
                if (!answer.isEmpty()) {
                    return Optional.of(answer);
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> lastNumber(String response, Deadline deadline) {
        return NUMBER.matcher(deadline.watching(response)).results().map(MatchResult::group)
                .reduce((first, second) -> second);
    }

    /** Drops what decorates the answer: markdown bold, math delimiters, a trailing period or sentence. */
    static String clean(String text) {
        String s = SENTENCE_END.matcher(text.strip()).replaceFirst("").strip();
        String before;
        do {
            before = s;
            s = s.replaceAll("^\\*\\*|\\*\\*$", "").replaceAll("\\.$", "").strip();
            s = unwrap(unwrap(unwrap(s, "$", "$"), "\\(", "\\)"), "\\[", "\\]").strip();
        }
        while (!s.equals(before));
        return s;
    }

    private static String unwrap(String s, String open, String close) {
        if (s.startsWith(open) && s.endsWith(close) && s.length() >= open.length() + close.length()) {
            return s.substring(open.length(), s.length() - close.length());
        }
        // "$42$ dollars" or a lone "$" left by the period cut
        return s.startsWith(open) && open.equals("$") ? s.replace("$", "") : s;
    }

    /** The rest of the line from {@code from}, at most {@link #MAX_LINE} characters of it. */
    private static String line(String text, int from) {
        int end = text.indexOf('\n', from);
        end = end < 0 ? text.length() : end;
        return text.substring(from, Math.min(end, from + MAX_LINE));
    }

    private static String nextNonBlankLine(String text, int from) {
        for (int next = text.indexOf('\n', from); next >= 0; next = text.indexOf('\n', next + 1)) {
            String line = line(text, next + 1);
            if (!line.isBlank()) {
                return line;
            }
        }
        return "";
    }

    /** A phrase found: whether it had a separator (it is not just a heading) and where it ends. */
    private record Hit(boolean separated, int end) {
    }
}
