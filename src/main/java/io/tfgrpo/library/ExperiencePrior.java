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
        return render(null, experiences);
    }

    /** As {@link #render(List)}, with a library's own template when it has one (null: the service's). */
    public static String render(String template, List<ExperienceView> experiences) {
        if (experiences.isEmpty()) {
            return "";
        }
        PromptTemplate chosen = template == null ? TEMPLATE : new PromptTemplate("prior", template);
        return chosen.render(Map.of("experiences", experiences.stream()
                .map(e -> "[" + e.code() + "] " + e.text()).collect(Collectors.joining("\n"))));
    }

    /** What is wrong with a template, or null: it must list the experiences, and may use nothing else. */
    static String problem(String template) {
        var placeholders = new PromptTemplate("prior", template).placeholders();
        if (!placeholders.contains("experiences")) {
            return "must contain {{experiences}}, where the experiences are listed";
        }
        return placeholders.size() > 1 ? "may use only {{experiences}}, not " + placeholders : null;
    }
}
