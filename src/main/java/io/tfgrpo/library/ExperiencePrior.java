package io.tfgrpo.library;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.tfgrpo.shared.PromptTemplate;

/**
 * How a library version is put in front of a prompt: one template (a resource), used identically by training
 * rollouts, evaluation and inference, so that what was learned is what is served. Experiences are listed one per
 * line as {@code [code] text}.
 */
public final class ExperiencePrior {

    private static final PromptTemplate TEMPLATE = PromptTemplate.load("experience-prior.txt");

    private ExperiencePrior() {
    }

    /** The prior's text, or an empty string for a library without experiences. */
    public static String render(List<ExperienceView> experiences) {
        if (experiences.isEmpty()) {
            return "";
        }
        return TEMPLATE.render(Map.of("experiences", experiences.stream()
                .map(e -> "[" + e.code() + "] " + e.text()).collect(Collectors.joining("\n"))));
    }
}
