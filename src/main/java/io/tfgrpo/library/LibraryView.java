package io.tfgrpo.library;

import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;

/** A library: the version served ({@code currentVersion}) and the newest one ({@code latestVersion}). */
public record LibraryView(
        @Schema(example = "gsm8k-tips") String name,
        @Schema(example = "Lessons for grade-school word problems") String description,
        @Schema(description = "the version inference serves", example = "2") int currentVersion,
        @Schema(description = "the newest version", example = "3") int latestVersion,
        @Schema(description = "this library's own prior template, if it has one ({{experiences}} marks the list)")
        String priorTemplate,
        @Schema(description = "where the prior goes in a conversation: `system` (merged into the system message) or "
                + "`user-suffix` (after the problem, in the last user message)", example = "system")
        PriorPlacement priorPlacement,
        Instant createdAt,
        Instant updatedAt) {
}
