package io.tfgrpo.library;

import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;

/** One experience: its stable code, its text, and where it came from. */
public record ExperienceView(
        @Schema(description = "stable within the library, never reused", example = "E3") String code,
        @Schema(example = "When a quantity grows by a percentage, apply it to the original amount.") String text,
        @Schema(description = "where the text came from: {\"source\": \"manual\"|\"job\"|\"import\", ...}",
                example = "{\"source\": \"manual\", \"version\": 2}") JsonNode provenance) {
}
