package io.tfgrpo.library;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.tfgrpo.shared.FieldError;
import io.tfgrpo.shared.PageView;
import io.tfgrpo.shared.Timestamps;

/**
 * The immutable versions of a library, a tree: each version but the first is a child of the one it was made from,
 * and numbers are a per-library sequence. Read them, compare any two, and add new ones by editing one.
 */
@Service
public class LibraryVersions {

    private final LibraryRepository libraries;
    private final LibraryVersionRepository versions;
    private final VersionStore store;
    private final ExperienceEdits edits;
    private final ExperienceSearch search;

    LibraryVersions(LibraryRepository libraries, LibraryVersionRepository versions, VersionStore store,
            ExperienceEdits edits, ExperienceSearch search) {
        this.search = search;
        this.libraries = libraries;
        this.versions = versions;
        this.store = store;
        this.edits = edits;
    }

    @Transactional(readOnly = true)
    public PageView<VersionSummary> list(String name, int page, int size) {
        Library library = find(name);
        return PageView.of(versions.findByLibraryIdOrderByVersionDesc(library.id(), PageRequest.of(page, size)),
                version -> version.toSummary(library.currentVersion()));
    }

    @Transactional(readOnly = true)
    public VersionView get(String name, int version) {
        Library library = find(name);
        return store.view(library, store.version(library, version));
    }

    /** The version the library serves (its current one), read with the library in one transaction. */
    @Transactional(readOnly = true)
    public VersionView current(String name) {
        Library library = find(name);
        return store.view(library, store.version(library, library.currentVersion()));
    }

    /**
     * The {@code limit} experiences of a version most relevant to {@code text} (PostgreSQL full-text ranking),
     * in the library's order.
     */
    @Transactional(readOnly = true)
    public List<ExperienceView> mostRelevant(String name, int version, String text, int limit) {
        Library library = find(name);
        store.version(library, version);
        List<String> codes = search.mostRelevantCodes(library.id(), version, text, limit);
        return store.snapshot(library, version).stream().filter(e -> codes.contains(e.code())).map(store::view).toList();
    }

    /**
     * The changes from version {@code against} (default: the version it was made from, its parent) to version
     * {@code to}; any two versions of the library can be compared.
     */
    @Transactional(readOnly = true)
    public VersionDiff diff(String name, int to, Integer against) {
        Library library = find(name);
        LibraryVersion target = store.version(library, to);
        int base = against != null ? against : target.parentVersion() != null ? target.parentVersion() : to;
        store.version(library, base);
        Map<String, ExperienceEdits.Entry> before = byCode(store.snapshot(library, base));
        Map<String, ExperienceEdits.Entry> after = byCode(store.snapshot(library, to));
        return new VersionDiff(name, base, to,
                after.values().stream().filter(e -> !before.containsKey(e.code())).map(store::view).toList(),
                after.values().stream()
                        .filter(e -> before.containsKey(e.code()) && !before.get(e.code()).text().equals(e.text()))
                        .map(e -> new VersionDiff.Change(e.code(), before.get(e.code()).text(), e.text())).toList(),
                before.values().stream().filter(e -> !after.containsKey(e.code())).map(store::view).toList());
    }

    /**
     * Applies a manual edit to its base version, making the next one; refused (409) when the base already has a
     * child, unless the edit asks for a branch.
     */
    @Transactional
    public VersionView edit(String name, EditLibrary command) {
        return commit(name, command.baseVersion(), command.operations(), i -> Map.of("source", "manual"),
                VersionOrigin.manual(command.note()), command.promoteNow(), false,
                !command.branchOnPurpose()).version();
    }

    /**
     * Commits operations on {@code baseVersion} as the library's next version (a child of the base, whatever else
     * was committed meanwhile), all or nothing. The library row is locked meanwhile, so numbers are allocated one
     * at a time.
     */
    @Transactional
    public VersionView commit(String name, int baseVersion, List<ExperienceOperation> operations, VersionOrigin origin,
            Map<String, Object> provenance, boolean promote) {
        return commit(name, baseVersion, operations, i -> provenance, origin, promote, false, false).version();
    }

    /** What a lenient commit did: the new version, and the operations it left out with the reason. */
    public record Commit(VersionView version, List<FieldError> rejected) {
    }

    /**
     * Commits what is valid of a model's operations on {@code baseVersion} as the library's next version, a child
     * of the base even if other versions were committed since (a job's chain of versions), each experience with
     * the provenance of the operation that wrote it; invalid operations (unknown codes, too long) are left out and
     * reported. Joins the caller's transaction.
     */
    @Transactional
    public Commit commitValid(String name, int baseVersion, List<ExperienceOperation> operations,
            IntFunction<Map<String, Object>> provenanceOf, VersionOrigin origin) {
        return commit(name, baseVersion, operations, provenanceOf, origin, false, true, false);
    }

    private Commit commit(String name, int baseVersion, List<ExperienceOperation> operations,
            IntFunction<Map<String, Object>> provenanceOf, VersionOrigin origin, boolean promote, boolean lenient,
            boolean onlyOnUnedited) {
        Library library = libraries.lockByName(name).orElseThrow(() -> LibraryNotFound.named(name));
        store.version(library, baseVersion);
        if (onlyOnUnedited) {
            versions.findFirstByLibraryIdAndParentVersionOrderByVersionDesc(library.id(), baseVersion)
                    .ifPresent(child -> {
                        throw StaleBaseVersion.of(name, baseVersion, child.version(), library.latestVersion());
                    });
        }
        // numbers are a per-library sequence; the tree is in the parent links
        int version = library.latestVersion() + 1;
        ExperienceEdits.Result result = edits.apply(store.snapshot(library, baseVersion), library.nextCode(),
                operations, i -> {
                    Map<String, Object> withVersion = new LinkedHashMap<>(provenanceOf.apply(i));
                    withVersion.put("version", version);
                    return store.provenance(withVersion);
                }, lenient);
        LibraryVersion written = store.write(library, version, baseVersion, origin, result.experiences(),
                Timestamps.now());
        library.advanceTo(version, result.nextCode(), promote);
        return new Commit(written.toView(name, library.currentVersion(),
                result.experiences().stream().map(store::view).toList()), result.rejected());
    }

    /** The most words an experience may hold ({@code tfgrpo.library.max-experience-words}). */
    public int maxExperienceWords() {
        return edits.maxExperienceWords();
    }

    private Library find(String name) {
        return libraries.findByName(name).orElseThrow(() -> LibraryNotFound.named(name));
    }

    private static Map<String, ExperienceEdits.Entry> byCode(List<ExperienceEdits.Entry> entries) {
        return entries.stream().collect(Collectors.toMap(ExperienceEdits.Entry::code, Function.identity(),
                (a, b) -> a, LinkedHashMap::new));
    }
}
