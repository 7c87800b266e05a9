package io.tfgrpo.library;

import jakarta.validation.constraints.NotNull;

import io.swagger.v3.oas.annotations.media.Schema;

/** One change to a library: {@code ADD {text}}, {@code UPDATE {code, text}} or {@code DELETE {code}}. */
public record ExperienceOperation(
        @NotNull Op op,
        @Schema(description = "the experience to update or delete", example = "E1") String code,
        @Schema(description = "the new text (ADD, UPDATE)",
                example = "When a problem gives a percentage increase, apply it to the original amount.") String text) {

    public enum Op {
        ADD, UPDATE, DELETE
    }

    public static ExperienceOperation add(String text) {
        return new ExperienceOperation(Op.ADD, null, text);
    }

    public static ExperienceOperation update(String code, String text) {
        return new ExperienceOperation(Op.UPDATE, code, text);
    }

    public static ExperienceOperation delete(String code) {
        return new ExperienceOperation(Op.DELETE, code, null);
    }
}
