package io.tfgrpo.reward;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites an answer into one spelling: the presentation LaTeX that does not change its value goes, and the
 * forms that mean the same are made to look the same ({@code \dfrac12}, {@code \frac 12} → {@code \frac{1}{2}};
 * {@code sqrt(2)}, {@code \sqrt2} → {@code \sqrt{2}}; {@code pi} → {@code \pi}; {@code ∞} → {@code \infty}).
 * Text, percent signs, units and commas are left for {@link AnswerShape} and {@link Atom}, which know more.
 */
final class Latex {

    /** Commands whose argument is the content: the box itself, and text and font wrappers. */
    private static final Set<String> WRAPPERS = Set.of("boxed", "fbox", "text", "textbf", "textit", "textrm",
            "textnormal", "textsf", "texttt", "mathrm", "mathbf", "mathit", "mathsf", "mathtt", "mathbb", "mbox",
            "hbox", "operatorname", "emph");
    private static final Pattern WRAPPER = Pattern.compile("\\\\([A-Za-z]+)\\s*\\{");
    private static final Pattern BRACED_COMMAND = Pattern.compile("\\\\(frac|sqrt)(?![A-Za-z])");
    private static final String NOT_LETTER = "(?![A-Za-z])";
    /** Not the second backslash of a matrix row break. */
    private static final String UNESCAPED = "(?<!\\\\)";

    /** Applied in order, before the arguments of frac and sqrt are braced. */
    private static final List<Rewrite> PRESENTATION = List.of(
            // thousands separators written for typesetting: 10,\!080 and 10{,}080
            regex(",\\\\!\\s*", ","), literal("{,}", ","),
            literal("\\$", ""), literal("$", ""),
            regex(UNESCAPED + "\\\\[()\\[\\]]", ""),
            regex("\\\\(?:left|right)\\.", ""),
            regex("\\\\(?:left|right|bigl|bigr|Bigl|Bigr|big|Big|bigg|Bigg)" + NOT_LETTER, ""),
            regex("\\\\(?:displaystyle|textstyle)" + NOT_LETTER, ""),
            // thin spaces also separate thousands (1\,000), so they close up; wider spaces stay spaces
            regex(UNESCAPED + "\\\\[!,]", ""),
            regex(UNESCAPED + "\\\\(?:[;: ]|q?quad" + NOT_LETTER + ")", " "), literal("~", " "),
            regex("\\^\\s*\\{?\\s*\\\\circ\\s*\\}?", ""), regex("\\\\(?:circ|degree)" + NOT_LETTER, ""),
            literal("°", ""),
            literal("\\%", "%"), literal("−", "-"),
            regex("\\\\[dtc]frac" + NOT_LETTER, "\\\\frac"),
            literal("√", "\\sqrt"), regex("(?<![\\\\A-Za-z])sqrt(?=\\s*\\()", "\\\\sqrt"));

    /** Applied in order, after the arguments of frac and sqrt are braced. */
    private static final List<Rewrite> SYMBOLS = List.of(
            literal("π", "\\pi"), regex("(?<![\\\\A-Za-z])pi" + NOT_LETTER, "\\\\pi"),
            literal("∞", "\\infty"), regex("(?i)(?<![\\\\A-Za-z])(?:infinity|inf)" + NOT_LETTER, "\\\\infty"),
            regex("\\\\(?:cdot|ast)" + NOT_LETTER, "\\\\times"), literal("×", "\\times"), literal("*", "\\times"),
            regex("\\\\div" + NOT_LETTER, "/"), literal("÷", "/"),
            regex("\\\\le" + NOT_LETTER, "\\\\leq"), regex("\\\\ge" + NOT_LETTER, "\\\\geq"),
            regex("\\\\ne" + NOT_LETTER, "\\\\neq"),
            literal("≤", "\\leq"), literal("≥", "\\geq"), literal("≠", "\\neq"),
            // x^{2} is x^2; a plain-text power of several digits is braced as LaTeX needs it: 10^12 is 10^{12}
            regex("([\\^_])\\{\\s*([A-Za-z0-9])\\s*\\}", "$1$2"), regex("\\^(\\d{2,})", "^{$1}"),
            regex("\\s+", " "), regex("^\\s+|[.\\s]+$", ""));

    private Latex() {
    }

    static String normalise(String answer) {
        String s = apply(PRESENTATION, unwrapCommands(answer));
        return apply(SYMBOLS, braceArguments(s));
    }

    /** The index of the brace closing the one at {@code open}, or -1; escaped braces ({@code \{}) do not count. */
    static int closingBrace(String s, int open) {
        int depth = 0;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            }
            else if (c == '{') {
                depth++;
            }
            else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** {@code \text{5 cm}} → {@code 5 cm}, innermost wrappers included; unknown commands keep their braces. */
    private static String unwrapCommands(String s) {
        StringBuilder out = new StringBuilder();
        Matcher m = WRAPPER.matcher(s);
        int from = 0;
        while (m.find(from)) {
            int close = closingBrace(s, m.end() - 1);
            if (!WRAPPERS.contains(m.group(1)) || close < 0) {
                out.append(s, from, m.end());
                from = m.end();
                continue;
            }
            out.append(s, from, m.start()).append(unwrapCommands(s.substring(m.end(), close)));
            from = close + 1;
        }
        return out.append(s.substring(from)).toString();
    }

    /** Braces every argument of {@code \frac} and {@code \sqrt}: {@code \frac12} → {@code \frac{1}{2}}. */
    private static String braceArguments(String s) {
        StringBuilder out = new StringBuilder();
        Matcher m = BRACED_COMMAND.matcher(s);
        int from = 0;
        while (m.find(from)) {
            out.append(s, from, m.end());
            int[] at = {m.end()};
            if (m.group(1).equals("frac")) {
                out.append('{').append(braceArguments(argument(s, at))).append('}');
                out.append('{').append(braceArguments(argument(s, at))).append('}');
            }
            else {
                skipSpaces(s, at);
                int close = at[0] < s.length() && s.charAt(at[0]) == '[' ? s.indexOf(']', at[0]) : -1;
                if (close > 0) {
                    out.append(s, at[0], close + 1);
                    at[0] = close + 1;
                }
                out.append('{').append(braceArguments(argument(s, at))).append('}');
            }
            from = at[0];
        }
        return out.append(s.substring(from)).toString();
    }

    /** Reads one argument at {@code at[0]}: a braced group, a parenthesised group, a command or one character. */
    private static String argument(String s, int[] at) {
        skipSpaces(s, at);
        int start = at[0];
        if (start >= s.length()) {
            return "";
        }
        char c = s.charAt(start);
        int end;
        if (c == '{' && closingBrace(s, start) > 0) {
            end = closingBrace(s, start);
            at[0] = end + 1;
            return s.substring(start + 1, end);
        }
        if (c == '(' && s.indexOf(')', start) > 0) {
            // sqrt(2) from plain text
            end = s.indexOf(')', start);
            at[0] = end + 1;
            return s.substring(start + 1, end);
        }
        end = start + 1;
        if (c == '\\') {
            while (end < s.length() && Character.isLetter(s.charAt(end))) {
                end++;
            }
        }
        at[0] = end;
        return s.substring(start, end);
    }

    private static void skipSpaces(String s, int[] at) {
        while (at[0] < s.length() && Character.isWhitespace(s.charAt(at[0]))) {
            at[0]++;
        }
    }

    private static String apply(List<Rewrite> rewrites, String s) {
        for (Rewrite rewrite : rewrites) {
            s = rewrite.pattern().matcher(s).replaceAll(rewrite.replacement());
        }
        return s;
    }

    private static Rewrite regex(String regex, String replacement) {
        return new Rewrite(Pattern.compile(regex), replacement);
    }

    private static Rewrite literal(String text, String replacement) {
        return new Rewrite(Pattern.compile(text, Pattern.LITERAL), Matcher.quoteReplacement(replacement));
    }

    private record Rewrite(Pattern pattern, String replacement) {
    }
}
