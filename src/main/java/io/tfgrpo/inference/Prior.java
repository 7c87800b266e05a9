package io.tfgrpo.inference;

import java.util.List;

import io.tfgrpo.library.ExperiencePrior;
import io.tfgrpo.library.ExperienceView;

/** A library version as it is put in front of prompts; {@code version} null means no prior at all. */
record Prior(String library, Integer version, List<ExperienceView> experiences, String template, String text) {

    static Prior none(String library) {
        return new Prior(library, null, List.of(), null, "");
    }

    static Prior of(String library, int version, List<ExperienceView> experiences, String template) {
        return new Prior(library, version, List.copyOf(experiences), template,
                ExperiencePrior.render(template, experiences));
    }

    List<String> codes() {
        return experiences.stream().map(ExperienceView::code).toList();
    }

    String label() {
        return library + "@" + (version == null ? "none" : version);
    }
}
