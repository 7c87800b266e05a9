package io.tfgrpo.reward;

import java.util.Locale;
import java.util.Objects;

import org.springframework.stereotype.Component;

/**
 * Makes the verifier a {@link VerifierSpec} describes. The math, exact and regex verifiers are local and pure;
 * the llm-judge and webhook ones need the LLM gateway and an HTTP client, which come in with them.
 */
@Component
public class Verifiers {

    /** Longest answer quoted in full in a reward's reason. */
    private static final int BRIEF = 80;

    /** @throws IllegalArgumentException when the spec has {@link VerifierSpec#problems() problems} */
    public Verifier create(VerifierSpec spec) {
        Objects.requireNonNull(spec, "a verifier spec is required");
        if (!spec.problems().isEmpty()) {
            throw new IllegalArgumentException("invalid verifier: " + String.join("; ", spec.problems()));
        }
        return switch (spec.type()) {
            case MATH -> new MathVerifier();
            case EXACT -> new ExactVerifier(spec.caseSensitiveOrDefault());
            case REGEX -> new RegexVerifier(spec.compiledPattern(), spec.caseSensitiveOrDefault());
            case LLM_JUDGE -> llmJudge(spec);
            case WEBHOOK -> webhook(spec);
        };
    }

    protected Verifier llmJudge(VerifierSpec spec) {
        throw new UnsupportedOperationException("the llm-judge verifier is not available yet");
    }

    protected Verifier webhook(VerifierSpec spec) {
        throw new UnsupportedOperationException("the webhook verifier is not available yet");
    }

    /** The reference answer, which these verifiers cannot do without. */
    static String requireReference(Attempt attempt, String verifier) {
        if (attempt.referenceAnswer() == null || attempt.referenceAnswer().isBlank()) {
            throw new IllegalArgumentException(verifier + " needs a reference answer");
        }
        return attempt.referenceAnswer();
    }

    /** The reward for an answer found and compared with the reference. */
    static Reward compared(boolean same, String answer, String reference) {
        return same ? Reward.pass(answer, "matches the reference")
                : Reward.fail(answer, "got " + brief(answer) + ", expected " + brief(reference));
    }

    static boolean sameText(String answer, String reference, boolean caseSensitive) {
        return caseSensitive ? answer.equals(reference)
                : answer.toLowerCase(Locale.ROOT).equals(reference.toLowerCase(Locale.ROOT));
    }

    /** An answer short enough to quote in a reason. */
    private static String brief(String answer) {
        String oneLine = answer.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= BRIEF ? oneLine : oneLine.substring(0, BRIEF - 1) + "…";
    }
}
