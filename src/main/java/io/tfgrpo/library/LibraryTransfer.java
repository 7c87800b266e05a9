package io.tfgrpo.library;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.tfgrpo.shared.FieldError;
import io.tfgrpo.shared.InvalidRequest;
import io.tfgrpo.shared.Timestamps;

/** Export of a library as a portable document, and import of such a document as a new library. */
@Service
class LibraryTransfer {

    private final LibraryRepository libraries;
    private final LibraryVersionRepository versions;
    private final ExperienceRepository experiences;
    private final VersionStore store;
    private final ExperienceEdits edits;

    LibraryTransfer(LibraryRepository libraries, LibraryVersionRepository versions, ExperienceRepository experiences,
            VersionStore store, ExperienceEdits edits) {
        this.libraries = libraries;
        this.versions = versions;
        this.experiences = experiences;
        this.store = store;
        this.edits = edits;
    }

    /** All versions of a library, or only {@code version} when given (which then counts as current). */
    @Transactional(readOnly = true)
    public LibraryExport export(String name, Integer version) {
        Library library = libraries.findByName(name).orElseThrow(() -> LibraryNotFound.named(name));
        List<LibraryVersion> chosen = version == null ? versions.findByLibraryIdOrderByVersion(library.id())
                : List.of(store.version(library, version));
        Map<Integer, List<LibraryExport.Experience>> byVersion = experiences
                .findByLibraryIdOrderByVersionAscPositionAsc(library.id()).stream()
                .filter(e -> version == null || e.version() == version)
                .collect(Collectors.groupingBy(Experience::version, LinkedHashMap::new, Collectors.mapping(
                        e -> new LibraryExport.Experience(e.code(), e.text(), store.provenance(e.provenance())),
                        Collectors.toList())));
        return new LibraryExport(LibraryExport.FORMAT, library.name(), library.description(),
                version == null ? library.currentVersion() : version, library.nextCode(), library.priorTemplate(),
                library.priorPlacement(),
                chosen.stream().map(v -> new LibraryExport.Version(v.version(), v.parentVersion(), v.source(), v.note(),
                        v.createdAt(), byVersion.getOrDefault(v.version(), List.of()))).toList());
    }

    /** Recreates an exported library under its own name or {@code as}; 409 if that name is taken. */
    @Transactional
    public LibraryView importLibrary(LibraryExport document, String as) {
        String name = as != null ? as : document.name();
        validate(document, name, as != null ? "as" : "name");
        if (libraries.existsByName(name)) {
            throw LibraryExists.named(name);
        }
        List<LibraryExport.Version> ordered = document.versions().stream()
                .sorted(Comparator.comparing(LibraryExport.Version::version)).toList();
        int latest = ordered.getLast().version();
        int nextCode = Math.max(document.nextCode(), highestCode(document) + 1);
        Library library;
        try {
            library = libraries.saveAndFlush(new Library(name, document.description(), document.currentVersion(),
                    latest, nextCode));
        }
        catch (DataIntegrityViolationException raced) {
            throw LibraryExists.named(name);
        }
        if (document.priorTemplate() != null) {
            library.usePriorTemplate(document.priorTemplate());
        }
        if (document.priorPlacement() != null) {
            library.usePriorPlacement(document.priorPlacement());
        }
        Instant now = Timestamps.now();
        for (LibraryExport.Version version : ordered) {
            List<ExperienceEdits.Entry> entries = version.experiences().stream()
                    .map(e -> new ExperienceEdits.Entry(e.code(), e.text().strip(), store.provenance(imported(e))))
                    .toList();
            store.write(library, version.version(), version.parentVersion(), VersionOrigin.imported(version.note()),
                    entries, now);
        }
        return library.toView();
    }

    private void validate(LibraryExport document, String name, String nameField) {
        List<FieldError> errors = new ArrayList<>();
        if (!LibraryExport.FORMAT.equals(document.format())) {
            errors.add(FieldError.field("format", "must be '" + LibraryExport.FORMAT + "'"));
        }
        if (document.priorTemplate() != null && ExperiencePrior.problem(document.priorTemplate()) != null) {
            errors.add(FieldError.field("priorTemplate", ExperiencePrior.problem(document.priorTemplate())));
        }
        if (!LibraryNames.isValid(name)) {
            errors.add(FieldError.field(nameField, LibraryNames.SLUG_MESSAGE));
        }
        Set<Integer> numbers = document.versions().stream().map(LibraryExport.Version::version)
                .collect(Collectors.toSet());
        if (numbers.size() < document.versions().size()) {
            errors.add(FieldError.field("versions", "holds the same version number twice"));
        }
        if (!numbers.contains(document.currentVersion())) {
            errors.add(FieldError.field("currentVersion", "is not among the versions"));
        }
        for (int i = 0; i < document.versions().size(); i++) {
            LibraryExport.Version version = document.versions().get(i);
            if (version.parentVersion() != null && (!numbers.contains(version.parentVersion())
                    || version.parentVersion() >= version.version())) {
                errors.add(FieldError.field("versions[" + i + "].parentVersion",
                        "must be an earlier version among the versions, or absent"));
            }
            Set<String> codes = new HashSet<>();
            for (int j = 0; j < version.experiences().size(); j++) {
                LibraryExport.Experience experience = version.experiences().get(j);
                String at = "versions[" + i + "].experiences[" + j + "]";
                if (!experience.code().matches(ExperienceEdits.CODE_PATTERN)) {
                    errors.add(FieldError.field(at + ".code", "must look like E1, E2, ..."));
                }
                else if (!codes.add(experience.code())) {
                    errors.add(FieldError.field(at + ".code", "appears twice in version " + version.version()));
                }
                edits.checkText(experience.text(), at + ".text", errors);
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequest("invalid-library-document", "Invalid library document",
                    errors.subList(0, Math.min(errors.size(), 20)));
        }
    }

    private static int highestCode(LibraryExport document) {
        return document.versions().stream().flatMap(v -> v.experiences().stream())
                .mapToInt(e -> Integer.parseInt(e.code().substring(1))).max().orElse(0);
    }

    private static Map<String, Object> imported(LibraryExport.Experience experience) {
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("source", "import");
        if (experience.provenance() != null && !experience.provenance().isNull()) {
            provenance.put("original", experience.provenance());
        }
        return provenance;
    }
}
