package io.tfgrpo.library;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.media.Schema;

/** A new, empty library (version 0). */
public record CreateLibrary(
        @NotNull @Pattern(regexp = LibraryNames.SLUG, message = LibraryNames.SLUG_MESSAGE)
        @Schema(example = "gsm8k-tips") String name,
        @Size(max = 2000) @Schema(example = "Lessons for grade-school word problems") String description,
        @Schema(description = "where the prior goes in a conversation, in training, evaluation and inference alike: "
                + "`system` (merged into the system message) or `user-suffix` (after the problem, in the last user "
                + "message, as the paper's math runs did)", defaultValue = "system") PriorPlacement priorPlacement) {

    public CreateLibrary(String name, String description) {
        this(name, description, null);
    }
}
