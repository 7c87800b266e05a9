package io.tfgrpo.library;

import java.util.UUID;

/** Who made a version and why: its source, the job and step behind it if any, and a note. */
public record VersionOrigin(VersionSource source, UUID jobId, Integer step, String note) {

    public static VersionOrigin manual(String note) {
        return new VersionOrigin(VersionSource.MANUAL, null, null, note);
    }

    public static VersionOrigin job(UUID jobId, int step, String note) {
        return new VersionOrigin(VersionSource.JOB, jobId, step, note);
    }

    static VersionOrigin created() {
        return new VersionOrigin(VersionSource.CREATED, null, null, "empty library");
    }

    static VersionOrigin imported(String note) {
        return new VersionOrigin(VersionSource.IMPORT, null, null, note);
    }
}
