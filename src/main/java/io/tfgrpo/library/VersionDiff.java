package io.tfgrpo.library;

import java.util.List;

/** What changed between two versions of a library, by experience code. */
record VersionDiff(String library, int from, int to, List<ExperienceView> added, List<Change> updated,
        List<ExperienceView> deleted) {

    /** An experience whose text differs between the two versions. */
    public record Change(String code, String before, String after) {
    }
}
