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
        Instant createdAt,
        Instant updatedAt) {
}
