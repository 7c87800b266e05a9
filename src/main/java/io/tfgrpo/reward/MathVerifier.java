package io.tfgrpo.reward;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * 1 when the response's final answer is equivalent to the reference ({@link MathAnswers}), else 0. Finding and
 * comparing the answer share one deadline; a response that outlasts it, or overflows the stack, scores 0 with a
 * reason that says so.
 */
final class MathVerifier implements Verifier {

    private final Duration budget;
    private final CutShort cutShort;

    MathVerifier(Duration budget, CutShort cutShort) {
        this.budget = budget;
        this.cutShort = cutShort;
    }

    @Override
    public Reward score(Attempt attempt) {
        String reference = MathAnswers.referenceAnswer(Verifiers.requireReference(attempt, "the math verifier"));
        Deadline deadline = Deadline.after(budget);
        Optional<String> extracted;
        try {
            extracted = FinalAnswers.extract(attempt.response(), deadline);
        }
        catch (Deadline.Passed e) {
            return gaveUp("time", null, "the response took too long to read");
        }
        catch (StackOverflowError e) {
            return gaveUp("recursion", null, "the response recursed too deeply to read");
        }
        if (extracted.isEmpty()) {
            return Reward.fail(null, "no final answer found");
        }
        String answer = extracted.get();
        return switch (MathAnswers.compare(answer, reference, deadline)) {
            case SAME -> Verifiers.compared(true, answer, reference);
            case DIFFERENT -> Verifiers.compared(false, answer, reference);
            case OUT_OF_TIME -> gaveUp("time", answer, "the answer took too long to compare");
        };
    }

    /** The majority final answer by math equivalence, each response read once within the budget. */
    @Override
    public Optional<String> consensus(List<String> responses) {
        return Consensus.majorityOfResponses(responses, budget);
    }

    private Reward gaveUp(String cause, String answer, String reason) {
        cutShort.count("math", cause);
        return Reward.fail(answer, reason);
    }
}
