package io.tfgrpo.reward;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One scalar answer (not a tuple or list), with what equivalence needs: its canonical text, whether it is a
 * word (compared case-insensitively) and its numeric value, if it has one.
 *
 * @param canonical whitespace-free for math; lower case with single spaces for words
 * @param word      letters and spaces only, like {@code Evelyn}, {@code yes} or the choice {@code A}
 * @param percent   it carried a percent sign (or the unit "percent"), which has been removed
 * @param value     the numeric value, or null
 */
record Atom(String canonical, boolean word, boolean percent, Num value) implements AnswerShape {

    /** A variable being assigned ({@code x =}, {@code a_1 =}) or a membership ({@code x \in}) before the answer. */
    static final Pattern ASSIGNMENT =
            Pattern.compile("^[A-Za-z](?:_\\{?\\w+\\}?)?\\s*(?:=|\\\\in(?![A-Za-z]))\\s*(?=\\S)");
    /** Up to three words of two letters or more after a number, maybe squared or per something: 5 cm, 3 m^2. */
    private static final Pattern UNITS = Pattern.compile(
            "(.+?)\\s*([A-Za-z]{2,}(?:\\s+[A-Za-z]{2,}){0,2}(?:\\^[23])?(?:\\s*/\\s*[A-Za-z]+)?)");
    private static final Pattern PERCENT_WORD = Pattern.compile("(?i)percent|per cent|pct");
    private static final Pattern THOUSANDS_COMMA = Pattern.compile("(?<=\\d),(?=\\d{3}(?!\\d))");
    private static final Pattern WORD = Pattern.compile("[A-Za-z]+(?:['\\s]+[A-Za-z]+)*");

    static Atom of(String answer, Deadline deadline) {
        String s = answer.strip().replaceAll("\\.+$", "");
        s = ASSIGNMENT.matcher(s).replaceFirst("");
        if (s.startsWith("+")) {
            s = s.substring(1).strip();
        }
        boolean percent = s.endsWith("%");
        if (percent) {
            s = s.substring(0, s.length() - 1).strip();
        }
        s = THOUSANDS_COMMA.matcher(s).replaceAll("");
        Matcher units = UNITS.matcher(s);
        if (units.matches() && evaluate(units.group(1), deadline).isPresent()) {
            percent |= PERCENT_WORD.matcher(units.group(2)).matches();
            s = units.group(1);
        }
        if (WORD.matcher(s).matches()) {
            return new Atom(s.toLowerCase(Locale.ROOT).replaceAll("['\\s]+", " "), true, percent, null);
        }
        return new Atom(s.replaceAll("\\s+", ""), false, percent, evaluate(s, deadline).orElse(null));
    }

    @Override
    public boolean sameAs(AnswerShape other) {
        if (!(other instanceof Atom that) || word != that.word) {
            return false;
        }
        if (canonical.equals(that.canonical)) {
            // "50%" is also 50 (see MathAnswers)
            return true;
        }
        if (value == null || that.value == null) {
            return false;
        }
        if (value.sameAs(that.value)) {
            return true;
        }
        // a percent sign on one side only: 50% is also 0.5
        Num hundred = Num.of(Rational.of(100));
        return percent && !that.percent && value.dividedBy(hundred).sameAs(that.value)
                || that.percent && !percent && that.value.dividedBy(hundred).sameAs(value);
    }

    private static Optional<Num> evaluate(String s, Deadline deadline) {
        return Expression.evaluate(s.replaceAll("\\s+", ""), deadline);
    }
}
