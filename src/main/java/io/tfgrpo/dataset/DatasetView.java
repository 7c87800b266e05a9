package io.tfgrpo.dataset;

import java.time.Instant;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/** A stored dataset. */
public record DatasetView(
        UUID id,
        @Schema(example = "gsm8k-sample") String name,
        @Schema(description = "number of problems", example = "20") int itemCount,
        @Schema(description = "problems that carry a reference answer", example = "20") int answeredCount,
        @Schema(description = "bytes uploaded", example = "8731") long sizeBytes,
        @Schema(description = "SHA-256 of the uploaded bytes, hex") String sha256,
        Instant createdAt) {
}
