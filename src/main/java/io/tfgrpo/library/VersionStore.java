package io.tfgrpo.library;

import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Writes and reads version snapshots: a version row and the full list of its experiences. */
@Component
class VersionStore {

    private final LibraryVersionRepository versions;
    private final ExperienceRepository experiences;
    private final JsonMapper json;

    VersionStore(LibraryVersionRepository versions, ExperienceRepository experiences, JsonMapper json) {
        this.versions = versions;
        this.experiences = experiences;
        this.json = json;
    }

    LibraryVersion write(Library library, int version, Integer parentVersion, VersionOrigin origin,
            List<ExperienceEdits.Entry> entries, Instant createdAt) {
        LibraryVersion written = versions.save(new LibraryVersion(library.id(), version, parentVersion, origin,
                entries.size(), createdAt));
        experiences.saveAll(IntStream.range(0, entries.size()).mapToObj(position -> {
            ExperienceEdits.Entry entry = entries.get(position);
            return new Experience(library.id(), version, position, entry.code(), entry.text(), entry.provenance());
        }).toList());
        return written;
    }

    LibraryVersion version(Library library, int version) {
        return versions.findByLibraryIdAndVersion(library.id(), version)
                .orElseThrow(() -> VersionNotFound.of(library.name(), version));
    }

    List<ExperienceEdits.Entry> snapshot(Library library, int version) {
        return experiences.findByLibraryIdAndVersionOrderByPosition(library.id(), version).stream()
                .map(e -> new ExperienceEdits.Entry(e.code(), e.text(), e.provenance())).toList();
    }

    VersionView view(Library library, LibraryVersion version) {
        return version.toView(library.name(), library.currentVersion(),
                snapshot(library, version.version()).stream().map(this::view).toList());
    }

    ExperienceView view(ExperienceEdits.Entry entry) {
        return new ExperienceView(entry.code(), entry.text(), provenance(entry.provenance()));
    }

    JsonNode provenance(String stored) {
        return json.readTree(stored);
    }

    String provenance(Object value) {
        return json.writeValueAsString(value);
    }
}
