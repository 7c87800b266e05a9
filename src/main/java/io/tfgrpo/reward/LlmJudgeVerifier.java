package io.tfgrpo.reward;

import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import io.tfgrpo.llm.ChatCall;
import io.tfgrpo.llm.ChatMessage;
import io.tfgrpo.llm.LlmGateway;
import io.tfgrpo.llm.Purpose;
import io.tfgrpo.shared.PromptTemplate;

/** A model scores the response against a rubric: a score in [0, 1] with a reason (a JSON answer, validated). */
final class LlmJudgeVerifier implements Verifier {

    /** The judge's answer. */
    record Judgement(@NotNull @DecimalMin("0") @DecimalMax("1") Double score, @NotBlank String reason) {
    }

    private static final PromptTemplate PROMPT = PromptTemplate.load("judge.txt");
    private static final String DEFAULT_RUBRIC = "The response solves the task correctly and completely; when a "
            + "reference answer is given, its final answer agrees with it.";

    private final LlmGateway gateway;
    private final String profile;
    private final String rubric;
    private final String owner;

    LlmJudgeVerifier(LlmGateway gateway, String profile, String rubric, String owner) {
        this.gateway = gateway;
        this.profile = profile;
        this.rubric = rubric == null || rubric.isBlank() ? DEFAULT_RUBRIC : rubric;
        this.owner = owner;
    }

    @Override
    public Reward score(Attempt attempt) {
        String reference = attempt.referenceAnswer() == null ? "" : "Reference answer: " + attempt.referenceAnswer() + "\n";
        List<ChatMessage> messages = List.of(ChatMessage.user(PROMPT.render(Map.of("problem", attempt.problem(),
                "reference", reference, "rubric", rubric, "response", attempt.response()))));
        Judgement judgement = gateway.structured(ChatCall.of(profile, Purpose.JUDGE, messages).ownedBy(owner)
                .withTemperature(0.0), Judgement.class).value();
        return new Reward(judgement.score(), null, judgement.reason());
    }
}
