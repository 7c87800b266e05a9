package io.tfgrpo.library;

import java.time.Instant;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/** A library version without its experiences. */
public record VersionSummary(
        @Schema(example = "2") int version,
        @Schema(description = "the version it was made from", example = "1") Integer parentVersion,
        VersionSource source,
        @Schema(description = "the training job that made it, if any") UUID jobId,
        @Schema(description = "the job's step that made it, if any") Integer step,
        @Schema(example = "clarified the percentage rule") String note,
        @Schema(example = "7") int experienceCount,
        Instant createdAt,
        @Schema(description = "whether this is the library's current version") boolean current) {
}
