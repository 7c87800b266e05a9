package io.tfgrpo.library;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A library version with its experiences, in order. */
public record VersionView(
        String library,
        int version,
        Integer parentVersion,
        VersionSource source,
        UUID jobId,
        Integer step,
        String note,
        Instant createdAt,
        boolean current,
        List<ExperienceView> experiences) {
}
