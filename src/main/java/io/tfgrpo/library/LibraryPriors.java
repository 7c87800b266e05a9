package io.tfgrpo.library;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.tfgrpo.shared.Conversation;

/**
 * A library version's prior as it is served, the one place that decides which experiences a prompt carries:
 * evaluation and inference both ask here, so that what is evaluated is what is served.
 */
@Service
public class LibraryPriors {

    private final Libraries libraries;
    private final LibraryVersions versions;
    private final PriorSettings settings;

    LibraryPriors(Libraries libraries, LibraryVersions versions, PriorSettings settings) {
        this.libraries = libraries;
        this.versions = versions;
        this.settings = settings;
    }

    /** All of a version's experiences, rendered with the library's template and placement as they are now. */
    @Transactional(readOnly = true)
    public RenderedPrior whole(String library, int version) {
        LibraryView view = libraries.get(library);
        return RenderedPrior.of(library, version, versions.get(library, version).experiences(), view.priorTemplate(),
                view.priorPlacement());
    }

    /**
     * The prior a conversation gets: the whole version, or, when it has more experiences than
     * {@code tfgrpo.inference.max-experiences}, only that many, the most relevant to the conversation's text (its
     * messages but the assistant's).
     */
    public <M> RenderedPrior servedFor(RenderedPrior whole, List<M> messages, Conversation<M> shape) {
        Integer max = settings.maxExperiences();
        if (whole.version() == null || max == null || whole.experiences().size() <= max) {
            return whole;
        }
        String text = messages.stream().filter(m -> !shape.role(m).equals("assistant")).map(shape::text)
                .filter(Objects::nonNull).collect(Collectors.joining("\n"));
        return whole.narrowedTo(versions.mostRelevant(whole.library(), whole.version(), text, max));
    }
}
