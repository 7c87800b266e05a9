package io.tfgrpo.reward;

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
 * </ul>
 */
public final class MathAnswers {

    /** Longer answers are compared as plain text: the structural comparison is for answers, not essays. */
    private static final int MAX_STRUCTURED_LENGTH = 1_000;

    private MathAnswers() {
    }

    /**
     * The final answer of a response: the content of the last {@code \boxed{..}} ({@code \boxed {..}},
     * {@code \fbox{..}}); else the rest of the line after "final answer is" / "Final Answer:", then "the answer
     * is", then "Answer:", then GSM8K's "####" (last occurrence, without markdown bold, {@code $} or a trailing
     * period); else the last number in the text; empty for a null or blank response.
     */
    public static Optional<String> extractFinal(String response) {
        return FinalAnswers.extract(response);
    }

    /** Whether two final answers are the same answer; null or blank is no answer, equivalent to nothing. */
    public static boolean equivalent(String a, String b) {
        if (a == null || b == null || a.isBlank() || b.isBlank()) {
            return false;
        }
        if (a.length() > MAX_STRUCTURED_LENGTH || b.length() > MAX_STRUCTURED_LENGTH) {
            return a.strip().equals(b.strip());
        }
        return shape(a).sameAs(shape(b));
    }

    /** The answer in a reference, which may be written as {@code \boxed{..}} or plainly. */
    static String referenceAnswer(String reference) {
        return FinalAnswers.lastBoxed(reference).orElse(reference.strip());
    }

    static AnswerShape shape(String answer) {
        return AnswerShape.parse(Latex.normalise(answer));
    }
}
