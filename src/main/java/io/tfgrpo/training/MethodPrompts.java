package io.tfgrpo.training;

import java.util.List;
import java.util.Map;

import io.tfgrpo.library.ExperiencePrior;
import io.tfgrpo.library.ExperienceView;
import io.tfgrpo.library.LibraryView;
import io.tfgrpo.library.RolloutPrompt;
import io.tfgrpo.llm.ChatMessage;
import io.tfgrpo.shared.PromptTemplate;

/** The method's prompts (resources under {@code prompts/}), each replaceable per job by a prompt override. */
final class MethodPrompts {

    private final String rollout;
    private final PromptTemplate summary;
    private final PromptTemplate advantage;
    private final PromptTemplate groupUpdate;
    private final PromptTemplate batchUpdate;
    private final PromptTemplate shorten;
    private final LibraryView trained;

    /** {@code trained}: the library's prior template and placement, so training applies its prior as serving does. */
    MethodPrompts(Map<String, String> overrides, LibraryView trained) {
        this.trained = trained;
        this.rollout = overrides.get("rollout");
        this.summary = template("summary", overrides);
        this.advantage = template("advantage", overrides);
        this.groupUpdate = template("group-update", overrides);
        this.batchUpdate = template("batch-update", overrides);
        this.shorten = template("shorten", overrides);
    }

    /**
     * Step 1: the problem (in the job's rollout prompt), with the library applied exactly as evaluation and inference
     * apply it: rendered with its template, placed where its placement puts it.
     */
    List<ChatMessage> rollout(List<ExperienceView> library, String problem) {
        return trained.priorPlacement().place(List.of(ChatMessage.user(RolloutPrompt.render(rollout, problem))),
                ExperiencePrior.render(trained.priorTemplate(), library), ChatMessage.CONVERSATION);
    }

    List<ChatMessage> summary(String problem, String reference, List<ExperienceView> library, double reward,
            String response) {
        return List.of(ChatMessage.user(summary.render(Map.of("problem", problem, "reference", reference(reference),
                "experiences", listing(library), "reward", reward, "response", response))));
    }

    List<ChatMessage> advantage(String problem, String reference, List<ExperienceView> library, String summaries,
            int count, int words) {
        return List.of(ChatMessage.user(advantage.render(Map.of("problem", problem, "reference", reference(reference),
                "experiences", listing(library), "summaries", summaries, "count", count, "words", words))));
    }

    List<ChatMessage> groupUpdate(List<ExperienceView> library, List<String> proposals, int words) {
        return List.of(ChatMessage.user(groupUpdate.render(Map.of("experiences", listing(library),
                "proposals", String.join("\n", proposals.stream().map(p -> "- " + p).toList()), "words", words))));
    }

    List<ChatMessage> batchUpdate(String experiencesWithOperations, String unaimed, int words, String cap) {
        return List.of(ChatMessage.user(batchUpdate.render(Map.of("experiences", experiencesWithOperations,
                "unaimed", unaimed, "words", words, "cap", cap))));
    }

    /** An experience over the word limit, sent back once to be shortened. */
    List<ChatMessage> shorten(String text, int count, int words) {
        return List.of(ChatMessage.user(shorten.render(Map.of("text", text, "count", count, "words", words))));
    }

    static String listing(List<ExperienceView> library) {
        return library.isEmpty() ? "(none yet)"
                : String.join("\n", library.stream().map(e -> "[" + e.code() + "] " + e.text()).toList());
    }

    /** Ground-truth-free runs have no reference answer: the prompts must not mention one. */
    private static String reference(String reference) {
        return reference == null ? "" : "Reference answer: " + reference + "\n";
    }

    private static PromptTemplate template(String name, Map<String, String> overrides) {
        String override = overrides.get(name);
        return override != null ? new PromptTemplate(name, override) : PromptTemplate.load(name + ".txt");
    }
}
