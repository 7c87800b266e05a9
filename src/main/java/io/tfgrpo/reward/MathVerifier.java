package io.tfgrpo.reward;

import java.util.Optional;

/** 1 when the response's final answer is equivalent to the reference ({@link MathAnswers}), else 0. */
final class MathVerifier implements Verifier {

    @Override
    public Reward score(Attempt attempt) {
        String reference = MathAnswers.referenceAnswer(Verifiers.requireReference(attempt, "the math verifier"));
        Optional<String> extracted = MathAnswers.extractFinal(attempt.response());
        if (extracted.isEmpty()) {
            return Reward.fail(null, "no final answer found");
        }
        String answer = extracted.get();
        return Verifiers.compared(MathAnswers.equivalent(answer, reference), answer, reference);
    }
}
