package io.tfgrpo.reward;

import java.time.Duration;
import java.util.Optional;

/**
 * Reads the final answer of a math response and decides whether two answers are the same.
 * <p>
 * Both answers are normalised ({@link Latex}): delimiters ({@code $}, {@code \(}, {@code \[}), sizing
 * ({@code \left}, {@code \right}), spacing ({@code \!}, {@code \,}, {@code ~}), {@code \displaystyle}, degree signs,
 * {@code \text{}}-like wrappers and {@code \boxed{}} go; {@code \dfrac}/{@code \tfrac} become {@code \frac}, and the
 * arguments of {@code \frac} and {@code \sqrt} are braced ({@code \frac12}, {@code \sqrt2}, {@code sqrt(2)}). Then
 * the answer is split into its structure ({@link AnswerShape}) and each scalar is compared ({@link Atom}): by its
 * canonical text, case-insensitively for words (multiple-choice letters, names, yes/no), and otherwise by value.
 * <p>
 * Decisions where reasonable graders differ:
 * <ul>
 * <li><b>Exactness.</b> Integers, decimals and fractions are compared as exact fractions: 0.5 = 1/2 but
 * 0.3333 ≠ 1/3, and 0.1 + 0.2 is exactly 0.3. A relative tolerance of 1e-9 applies only when a side is not
 * rational ({@code \pi}, {@code \sqrt{2}}, so {@code 2\sqrt{5} = \sqrt{20}}) or is a decimal with 15 or more
 * significant digits, which can only be a double printed by a program (0.30000000000000004 = 0.3).
 * 025 = 25.</li>
 * <li><b>Percent.</b> A percent sign is optional in both readings: when one side has it, 50% equals both 50 and
 * 0.5, because the question decides which is meant and the grader cannot know. When both sides have it, the
 * numbers must be equal (50% ≠ 0.5%).</li>
 * <li><b>Commas.</b> When an answer is a single number whose commas all sit between groups of three digits
 * ({@code 1,000}, {@code 12,345.5}, {@code 10,\!080}) they are thousands separators. Otherwise commas separate
 * elements: {@code 1,2} and {@code 1, 000} are lists. Inside brackets commas always separate, so
 * {@code (1,000)} is the pair (1, 0).</li>
 * <li><b>Tuples and lists.</b> Compared element by element, in order; the brackets must match in kind, so the
 * point (1, 2) differs from the interval [1, 2] and from (1, 2]. Sets ({@code \{..\}}) and unions of intervals
 * ({@code \cup}) match in any order. A single element in parentheses is just grouped: (A) = A = {@code \text{(A)}}.
 * </li>
 * <li><b>Units.</b> Up to three words after a number are units and dropped (5 cm, 12 dollars, 864 inches^2);
 * single letters are not, because {@code 2k} is an expression. {@code 1\frac{4}{5}} is a mixed number, 9/5.</li>
 * <li><b>Expressions with variables</b> are compared as normalised text only: {@code x+1} ≠ {@code 1+x}.</li>
 * <li><b>Cost.</b> Exact values are kept up to {@link Rational#MAX_BITS} bits per numerator and denominator;
 * beyond that a value is a double when one exists, and otherwise (it overflows or underflows) it equals nothing:
 * {@code 1/3^{10000}+1/5^{6666}} is neither 0 nor 1, and is not worth seconds of CPU. A comparison that runs out of
 * its time budget ({@code tfgrpo.reward.verification-budget}) compares the two texts as they are written.</li>
 * </ul>
 */
final class MathAnswers {

    /** Longer answers are compared as plain text: the structural comparison is for answers, not essays. */
    private static final int MAX_STRUCTURED_LENGTH = 1_000;
    /** The default of {@code tfgrpo.reward.verification-budget}. */
    static final Duration DEFAULT_BUDGET = Duration.ofMillis(200);

    static {
        // the first comparison loads classes, compiles patterns and links lambdas: no answer's budget pays for that
        compare("\\frac{1}{2}\\sqrt{4}+2^{3}", "(8.5, 50\\%)", Duration.ofMinutes(1));
    }

    private MathAnswers() {
    }

    /**
     * The final answer of a response: the content of the last {@code \boxed{..}} ({@code \boxed {..}},
     * {@code \fbox{..}}); else the rest of the line after "final answer is" / "Final Answer:", then "the answer
     * is", then "Answer:", then GSM8K's "####" (last occurrence, without markdown bold, {@code $} or a trailing
     * period); else the last number in the text; empty for a null or blank response.
     */
    public static Optional<String> extractFinal(String response) {
        return extractFinal(response, DEFAULT_BUDGET);
    }

    /** As {@link #extractFinal(String)}, within {@code budget}: an answer too costly to find is none. */
    static Optional<String> extractFinal(String response, Duration budget) {
        try {
            return FinalAnswers.extract(response, Deadline.after(budget));
        }
        catch (Deadline.Passed | StackOverflowError e) {
            return Optional.empty();
        }
    }

    /** Whether two final answers are the same answer; null or blank is no answer, equivalent to nothing. */
    public static boolean equivalent(String a, String b) {
        return equivalent(a, b, DEFAULT_BUDGET);
    }

    /** As {@link #equivalent(String, String)}, within {@code budget} (after that, only the same text is the same). */
    static boolean equivalent(String a, String b, Duration budget) {
        return compare(a, b, budget) == Verdict.SAME;
    }

    static Verdict compare(String a, String b, Duration budget) {
        return compare(a, b, Deadline.after(budget));
    }

    static Verdict compare(String a, String b, Deadline deadline) {
        if (a == null || b == null || a.isBlank() || b.isBlank()) {
            return Verdict.DIFFERENT;
        }
        Reading first = read(a, deadline);
        Reading second = read(b, deadline);
        if (first.sameAs(second)) {
            return Verdict.SAME;
        }
        return first.cutShort() || second.cutShort() ? Verdict.OUT_OF_TIME : Verdict.DIFFERENT;
    }

    /** The answer in a reference, which may be written as {@code \boxed{..}} or plainly. */
    static String referenceAnswer(String reference) {
        return FinalAnswers.lastBoxed(reference).orElse(reference.strip());
    }

    /** An answer read for comparison: its structure, or none when it is too long or took too long to read. */
    static Reading read(String answer, Deadline deadline) {
        if (answer.length() > MAX_STRUCTURED_LENGTH) {
            return new Reading(answer, null, false);
        }
        try {
            return new Reading(answer, AnswerShape.parse(Latex.normalise(answer), deadline), false);
        }
        catch (Deadline.Passed e) {
            return new Reading(answer, null, true);
        }
    }

    /** Whether two answers are the same; {@code OUT_OF_TIME}: their texts differ and the budget ran out. */
    enum Verdict {
        SAME, DIFFERENT, OUT_OF_TIME
    }

    /**
     * A non-blank answer as read.
     *
     * @param text     as written
     * @param shape    its structure, or null when only the text can be compared
     * @param cutShort the deadline passed while it was read
     */
    record Reading(String text, AnswerShape shape, boolean cutShort) {

        boolean sameAs(Reading other) {
            return shape != null && other.shape != null ? shape.sameAs(other.shape)
                    : text.strip().equals(other.text.strip());
        }
    }
}
