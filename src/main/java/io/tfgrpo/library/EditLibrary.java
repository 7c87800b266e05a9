package io.tfgrpo.library;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A manual edit: operations applied in order to {@code baseVersion}, which must not have been edited yet (if it has
 * a child, someone else edited first: 409), unless {@code branch} asks for a sibling on purpose. The new version is
 * served only when {@code promote} is true.
 */
public record EditLibrary(
        @NotNull @Min(0) @Schema(example = "0") Integer baseVersion,
        @NotEmpty @Size(max = 500) List<@Valid @NotNull ExperienceOperation> operations,
        @Size(max = 2000) @Schema(example = "first tips") String note,
        @Schema(description = "make the new version current at once", defaultValue = "false") Boolean promote,
        @Schema(description = "edit `baseVersion` even if it already has a child, making a sibling of it",
                defaultValue = "false") Boolean branch) {

    boolean promoteNow() {
        return Boolean.TRUE.equals(promote);
    }

    boolean branchOnPurpose() {
        return Boolean.TRUE.equals(branch);
    }
}
