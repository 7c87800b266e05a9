package io.tfgrpo.reward;

import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import io.tfgrpo.llm.ChatCall;
import io.tfgrpo.llm.ChatMessage;
import io.tfgrpo.llm.Purpose;
import io.tfgrpo.shared.PromptTemplate;

/**
 * A model judges the response against a rubric (a JSON answer, validated): by default the paper's binary verdict,
 * CORRECT (1) or INCORRECT (0); graded, a score in [0, 1]. Without a reference answer (a dataset without answers,
 * a ground-truth-free job) the judge sees the rubric and the problem only, in a prompt that mentions none.
 */
final class LlmJudgeVerifier implements Verifier {

    /** The binary judge's answer. */
    record Verdict(@NotNull Outcome verdict, @NotBlank String reason) {

        enum Outcome {
            CORRECT, INCORRECT
        }
    }

    /** The graded judge's answer. */
    record Judgement(@NotNull @DecimalMin("0") @DecimalMax("1") Double score, @NotBlank String reason) {
    }

    private static final PromptTemplate WITH_REFERENCE = PromptTemplate.load("judge.txt");
    private static final PromptTemplate WITHOUT_REFERENCE = PromptTemplate.load("judge-without-reference.txt");
    private static final String BINARY = PromptTemplate.load("judge-verdict.txt").text();
    private static final String GRADED = PromptTemplate.load("judge-score.txt").text();
    private static final String DEFAULT_RUBRIC = "The response solves the task correctly and completely; when a "
            + "reference answer is given, its final answer agrees with it.";

    private final ModelCalls calls;
    private final String profile;
    private final String rubric;
    private final boolean graded;
    private final String owner;

    LlmJudgeVerifier(ModelCalls calls, String profile, String rubric, boolean graded, String owner) {
        this.calls = calls;
        this.profile = profile;
        this.rubric = rubric == null || rubric.isBlank() ? DEFAULT_RUBRIC : rubric;
        this.graded = graded;
        this.owner = owner;
    }

    @Override
    public Reward score(Attempt attempt) {
        boolean referenced = attempt.referenceAnswer() != null && !attempt.referenceAnswer().isBlank();
        String prompt = referenced
                ? WITH_REFERENCE.render(Map.of("problem", attempt.problem(), "reference", attempt.referenceAnswer(),
                        "rubric", rubric, "response", response(attempt), "scale", graded ? GRADED : BINARY))
                : WITHOUT_REFERENCE.render(Map.of("problem", attempt.problem(), "rubric", rubric,
                        "response", response(attempt), "scale", graded ? GRADED : BINARY));
        ChatCall call = ChatCall.of(profile, Purpose.JUDGE, List.of(ChatMessage.user(prompt))).ownedBy(owner)
                .withTemperature(0.0);
        if (graded) {
            Judgement judgement = calls.structured(call, Judgement.class).value();
            return new Reward(judgement.score(), null, judgement.reason());
        }
        Verdict verdict = calls.structured(call, Verdict.class).value();
        return new Reward(verdict.verdict() == Verdict.Outcome.CORRECT ? 1 : 0, null, verdict.reason());
    }

    private static String response(Attempt attempt) {
        return attempt.response() == null ? "" : attempt.response();
    }
}
