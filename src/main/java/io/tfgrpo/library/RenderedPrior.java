package io.tfgrpo.library;

import java.util.List;

import io.tfgrpo.shared.Conversation;

/**
 * A library version as it is put in front of prompts: the experiences applied, rendered once with the library's
 * template ({@link ExperiencePrior}) and placed by its {@link PriorPlacement}. {@code version} null means no
 * prior at all.
 */
public record RenderedPrior(String library, Integer version, List<ExperienceView> experiences, String template,
        PriorPlacement placement, String text) {

    public RenderedPrior {
        experiences = List.copyOf(experiences);
    }

    /** No prior: the conversation goes as it came. */
    public static RenderedPrior none(String library) {
        return new RenderedPrior(library, null, List.of(), null, PriorPlacement.SYSTEM, "");
    }

    /** These experiences, rendered with the library's template ({@code null}: the service's). */
    public static RenderedPrior of(String library, int version, List<ExperienceView> experiences, String template,
            PriorPlacement placement) {
        return new RenderedPrior(library, version, experiences, template, placement,
                ExperiencePrior.render(template, experiences));
    }

    /** The same version with only {@code chosen} of its experiences applied. */
    RenderedPrior narrowedTo(List<ExperienceView> chosen) {
        return of(library, version, chosen, template, placement);
    }

    /** The conversation with this prior in it, where the library's placement puts it. */
    public <M> List<M> applyTo(List<M> messages, Conversation<M> shape) {
        return placement.place(messages, text, shape);
    }

    public List<String> codes() {
        return experiences.stream().map(ExperienceView::code).toList();
    }

    /** {@code library@version}, or {@code library@none}: whose prior a call carried, for the ledger. */
    public String label() {
        return library + "@" + (version == null ? "none" : version);
    }
}
