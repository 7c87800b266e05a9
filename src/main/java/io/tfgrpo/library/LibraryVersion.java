package io.tfgrpo.library;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;

/** One committed version of a library; never changed after it is written. */
@Entity
@Immutable
@Table(name = "library_version")
class LibraryVersion {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "library_version_seq")
    @SequenceGenerator(name = "library_version_seq", sequenceName = "library_version_seq", allocationSize = 50)
    private Long id;

    private Long libraryId;

    private int version;

    private Integer parentVersion;

    @Enumerated(EnumType.STRING)
    private VersionSource source;

    private UUID jobId;

    private Integer step;

    private String note;

    private int experienceCount;

    private Instant createdAt;

    protected LibraryVersion() {
    }

    LibraryVersion(Long libraryId, int version, Integer parentVersion, VersionOrigin origin, int experienceCount,
            Instant createdAt) {
        this.libraryId = libraryId;
        this.version = version;
        this.parentVersion = parentVersion;
        this.source = origin.source();
        this.jobId = origin.jobId();
        this.step = origin.step();
        this.note = origin.note();
        this.experienceCount = experienceCount;
        this.createdAt = createdAt;
    }

    int version() {
        return version;
    }

    Integer parentVersion() {
        return parentVersion;
    }

    VersionSource source() {
        return source;
    }

    String note() {
        return note;
    }

    Instant createdAt() {
        return createdAt;
    }

    VersionSummary toSummary(int currentVersion) {
        return new VersionSummary(version, parentVersion, source, jobId, step, note, experienceCount, createdAt,
                version == currentVersion);
    }

    VersionView toView(String library, int currentVersion, List<ExperienceView> experiences) {
        return new VersionView(library, version, parentVersion, source, jobId, step, note, createdAt,
                version == currentVersion, experiences);
    }
}
