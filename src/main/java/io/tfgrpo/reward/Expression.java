package io.tfgrpo.reward;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates a normalised answer without whitespace (see {@link Latex}) when it is a number: integers, decimals,
 * {@code 1e3}, {@code 1.5\times10^{3}}, {@code \frac{a}{b}}, {@code a/b}, mixed numbers ({@code 1\frac{4}{5}}),
 * {@code \sqrt{..}}, {@code \sqrt[n]{..}}, {@code \pi}, powers, products (also implicit: {@code 2\sqrt{5}}) and
 * sums. Anything with a variable is not a number, so it is compared by its text instead. Each operand read checks
 * the verification's deadline, so no spelling of a number can keep the parser busy past it.
 */
final class Expression {

    /** A decimal with this many significant digits is a double printed by a program, not an exact value. */
    private static final int FLOATING_DIGITS = 15;
    private static final int MAX_LENGTH = 300;
    private static final Pattern NUMBER = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE]([+-]?\\d{1,6}))?");
    private static final Pattern MIXED_FRACTION = Pattern.compile("\\\\frac\\{\\d+\\}\\{\\d+\\}");

    private final String text;
    private final Deadline deadline;
    private int pos;

    private Expression(String text, Deadline deadline) {
        this.text = text;
        this.deadline = deadline;
    }

    /** @throws Deadline.Passed when the deadline passes before the value is known */
    static Optional<Num> evaluate(String text, Deadline deadline) {
        if (text.isEmpty() || text.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        try {
            Expression expression = new Expression(text, deadline);
            Num value = expression.sum();
            return expression.pos == text.length() ? Optional.of(value) : Optional.empty();
        }
        catch (ArithmeticException | NotANumber e) {
            return Optional.empty();
        }
    }

    private Num sum() {
        Num value = product();
        while (true) {
            if (eat("+")) {
                value = value.plus(product());
            }
            else if (eat("-")) {
                value = value.plus(product().negate());
            }
            else {
                return value;
            }
        }
    }

    private Num product() {
        int start = pos;
        Num value = signed();
        if (text.substring(start, pos).matches("[+-]?\\d+") && lookingAt(MIXED_FRACTION)) {
            // 1\frac{4}{5} is one and four fifths, as MATH writes mixed numbers
            Num fraction = primary();
            value = value.plus(value.exact().signum() < 0 ? fraction.negate() : fraction);
        }
        while (true) {
            if (eat("\\times") || eat("*")) {
                value = value.times(signed());
            }
            else if (eat("/") || eat("\\div")) {
                value = value.dividedBy(signed());
            }
            else if (pos < text.length() && startsPrimary()) {
                value = value.times(power());
            }
            else {
                return value;
            }
        }
    }

    private Num signed() {
        if (eat("-")) {
            return signed().negate();
        }
        if (eat("+")) {
            return signed();
        }
        return power();
    }

    private Num power() {
        Num base = primary();
        if (!eat("^")) {
            return base;
        }
        // plain-text exponents take all their digits (10^12); LaTeX ones are braced by then
        Matcher digits = Pattern.compile("\\d+").matcher(text).region(pos, text.length());
        if (digits.lookingAt()) {
            pos = digits.end();
            return base.pow(Num.of(Rational.of(new BigDecimal(digits.group()))));
        }
        return base.pow(eat("-") ? power().negate() : power());
    }

    private Num primary() {
        deadline.check();
        if (eat("(")) {
            return closedBy(")");
        }
        if (eat("{")) {
            return closedBy("}");
        }
        if (eat("\\frac{")) {
            Num numerator = closedBy("}");
            expect("{");
            return numerator.dividedBy(closedBy("}"));
        }
        if (eat("\\sqrt[")) {
            Num index = closedBy("]");
            expect("{");
            return closedBy("}").root(index);
        }
        if (eat("\\sqrt{")) {
            return closedBy("}").root(Num.of(Rational.of(2)));
        }
        if (eat("\\pi")) {
            return Num.approximately(Math.PI);
        }
        Matcher number = NUMBER.matcher(text).region(pos, text.length());
        if (!number.lookingAt()) {
            throw new NotANumber();
        }
        pos = number.end();
        return number(number.group());
    }

    private static Num number(String literal) {
        BigDecimal decimal = new BigDecimal(literal);
        if (Math.abs(decimal.scale()) > 400) {
            return Num.approximately(decimal.doubleValue());
        }
        boolean integer = literal.chars().allMatch(Character::isDigit);
        if (!integer && decimal.stripTrailingZeros().precision() >= FLOATING_DIGITS) {
            return Num.approximately(decimal.doubleValue());
        }
        return Num.of(Rational.of(decimal));
    }

    private Num closedBy(String close) {
        Num value = sum();
        expect(close);
        return value;
    }

    private boolean startsPrimary() {
        char c = text.charAt(pos);
        return Character.isDigit(c) || c == '(' || c == '{' || text.startsWith("\\frac{", pos)
                || text.startsWith("\\sqrt", pos) || text.startsWith("\\pi", pos);
    }

    private boolean lookingAt(Pattern pattern) {
        return pattern.matcher(text).region(pos, text.length()).lookingAt();
    }

    private boolean eat(String token) {
        if (text.startsWith(token, pos)) {
            pos += token.length();
            return true;
        }
        return false;
    }

    private void expect(String token) {
        if (!eat(token)) {
            throw new NotANumber();
        }
    }

    /** Thrown inside the parser to give up: the text is not (only) a number. */
    private static final class NotANumber extends RuntimeException {
        NotANumber() {
            super(null, null, false, false);
        }
    }
}
