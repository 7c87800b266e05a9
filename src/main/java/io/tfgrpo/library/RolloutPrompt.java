package io.tfgrpo.library;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.tfgrpo.shared.PromptTemplate;

/**
 * The policy's prompt of a problem, before the prior is placed: the rollout template (a resource, or a job's
 * {@code rollout} override) with the problem in it. Training rollouts and evaluation answers both render it here,
 * so a job's validation asks exactly as its rollouts did.
 */
public final class RolloutPrompt {

    private static final PromptTemplate DEFAULT = PromptTemplate.load("rollout.txt");

    private RolloutPrompt() {
    }

    /** The user message of {@code problem}; {@code template} null: the service's rollout prompt. */
    public static String render(String template, String problem) {
        PromptTemplate chosen = template == null ? DEFAULT : new PromptTemplate("rollout", template);
        return chosen.render(Map.of("problem", problem));
    }

    /** What is wrong with a replacement rollout prompt, or null: it may use only {@code {{problem}}}. */
    public static String problem(String template) {
        Set<String> unknown = new TreeSet<>(new PromptTemplate("rollout", template).placeholders());
        unknown.removeAll(DEFAULT.placeholders());
        return unknown.isEmpty() ? null : "unknown placeholders " + unknown + "; this prompt offers "
                + DEFAULT.placeholders();
    }
}
