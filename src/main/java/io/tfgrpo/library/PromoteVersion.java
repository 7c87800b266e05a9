package io.tfgrpo.library;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import io.swagger.v3.oas.annotations.media.Schema;

/** Which version a library serves: a newer one (promote) or an older one (roll back). */
record PromoteVersion(@NotNull @Min(0) @Schema(example = "2") Integer version) {
}
