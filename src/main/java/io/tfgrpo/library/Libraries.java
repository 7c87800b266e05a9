package io.tfgrpo.library;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.tfgrpo.shared.PageView;
import io.tfgrpo.shared.Timestamps;

/** Experience libraries: create, browse, and choose which version is served. */
@Service
public class Libraries {

    private final LibraryRepository libraries;
    private final VersionStore store;
    private final ObjectProvider<PromotionGate> gate;

    Libraries(LibraryRepository libraries, VersionStore store, ObjectProvider<PromotionGate> gate) {
        this.libraries = libraries;
        this.store = store;
        this.gate = gate;
    }

    /** A new library at version 0: empty, and current. */
    @Transactional
    public LibraryView create(CreateLibrary command) {
        if (libraries.existsByName(command.name())) {
            throw LibraryExists.named(command.name());
        }
        Library library;
        try {
            Library created = new Library(command.name(), command.description(), 0, 0, 1);
            if (command.priorPlacement() != null) {
                created.usePriorPlacement(command.priorPlacement());
            }
            library = libraries.saveAndFlush(created);
        }
        catch (DataIntegrityViolationException raced) {
            throw LibraryExists.named(command.name());
        }
        store.write(library, 0, null, VersionOrigin.created(), List.of(), Timestamps.now());
        return library.toView();
    }

    /** The library of that name, created empty (version 0) if there is none. */
    @Transactional
    public LibraryView getOrCreate(String name, String description) {
        return libraries.findByName(name).map(Library::toView)
                .orElseGet(() -> create(new CreateLibrary(name, description)));
    }

    @Transactional(readOnly = true)
    public LibraryView get(String name) {
        return find(name).toView();
    }

    @Transactional(readOnly = true)
    public PageView<LibraryView> list(int page, int size) {
        return PageView.of(libraries.findAll(PageRequest.of(page, size, Sort.by("name"))), Library::toView);
    }

    /** Serves another version from now on: a newer one (promote) or an older one (roll back). */
    @Transactional
    public LibraryView promote(String name, int version) {
        return promote(name, version, null);
    }

    /**
     * As {@link #promote(String, int)}, refused unless {@code evidence} (an evaluation id) shows the version beat
     * the baseline; null: no condition.
     */
    @Transactional
    public LibraryView promote(String name, int version, String evidence) {
        Library library = libraries.lockByName(name).orElseThrow(() -> LibraryNotFound.named(name));
        store.version(library, version);
        if (evidence != null) {
            gate.getObject().allow(name, version, evidence);
        }
        library.promote(version);
        return library.toView();
    }

    /**
     * Serves {@code version} only if {@code expected} is still served; otherwise changes nothing (someone, e.g. an
     * operator rolling back, chose what is served in the meantime, and that choice wins). Joins the caller's
     * transaction and locks the library row until it ends. Returns the library as it is now.
     */
    @Transactional
    public LibraryView promoteIfServing(String name, int expected, int version) {
        Library library = libraries.lockByName(name).orElseThrow(() -> LibraryNotFound.named(name));
        store.version(library, version);
        if (library.currentVersion() == expected) {
            library.promote(version);
        }
        return library.toView();
    }

    /** Replaces the template that puts this library's experiences in front of prompts; null restores the default. */
    @Transactional
    public LibraryView usePriorTemplate(String name, String template) {
        if (template != null) {
            String problem = ExperiencePrior.problem(template);
            if (problem != null) {
                throw io.tfgrpo.shared.InvalidRequest.of("template", problem);
            }
        }
        Library library = libraries.lockByName(name).orElseThrow(() -> LibraryNotFound.named(name));
        library.usePriorTemplate(template);
        return library.toView();
    }

    /** Moves this library's prior: into the system message, or after the problem in the last user message. */
    @Transactional
    public LibraryView usePriorPlacement(String name, PriorPlacement placement) {
        Library library = libraries.lockByName(name).orElseThrow(() -> LibraryNotFound.named(name));
        library.usePriorPlacement(placement);
        return library.toView();
    }

    Library find(String name) {
        return libraries.findByName(name).orElseThrow(() -> LibraryNotFound.named(name));
    }
}
