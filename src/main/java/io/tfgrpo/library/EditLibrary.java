package io.tfgrpo.library;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A manual edit: operations applied in order to {@code baseVersion}, which must be the latest version (otherwise
 * someone else edited first: 409). The new version is served only when {@code promote} is true.
 */
public record EditLibrary(
        @NotNull @Min(0) @Schema(example = "0") Integer baseVersion,
        @NotEmpty @Size(max = 500) List<@Valid @NotNull ExperienceOperation> operations,
        @Size(max = 2000) @Schema(example = "first tips") String note,
        @Schema(description = "make the new version current at once", defaultValue = "false") Boolean promote) {

    boolean promoteNow() {
        return Boolean.TRUE.equals(promote);
    }
}
