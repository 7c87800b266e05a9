package io.tfgrpo.library;

import java.time.Instant;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;

/** A library as a portable document: all its versions (or one), to import into another service. */
record LibraryExport(
        @NotNull @Schema(example = FORMAT) String format,
        @NotNull @Schema(example = "gsm8k-tips") String name,
        @Size(max = 2000) String description,
        @NotNull @Min(0) Integer currentVersion,
        @NotNull @Min(1) Integer nextCode,
        @Size(max = 20_000) @Schema(description = "the library's own prior template, if any") String priorTemplate,
        @Schema(description = "where the prior goes in a conversation; absent: `system`") PriorPlacement priorPlacement,
        @NotEmpty @Size(max = 10_000) List<@Valid @NotNull Version> versions) {

    public static final String FORMAT = "tfgrpo-library/v1";

    public record Version(
            @NotNull @Min(0) Integer version,
            Integer parentVersion,
            VersionSource source,
            @Size(max = 2000) String note,
            Instant createdAt,
            @NotNull @Size(max = 10_000) List<@Valid @NotNull Experience> experiences) {
    }

    public record Experience(
            @NotNull @Schema(example = "E1") String code,
            @NotNull String text,
            @Schema(description = "where the text came from, as recorded by the exporting service") JsonNode provenance) {
    }
}
