package io.tfgrpo.training;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The JSON answers of the method's distillation calls (METHOD.md steps 4 to 7), validated as they arrive. */
final class Distillation {

    private Distillation() {
    }

    /** Step 4: what one attempt did. */
    record RolloutSummary(@NotBlank String summary) {
    }

    /** Step 5: the semantic group advantage. */
    record GroupAdvantage(@NotBlank String analysis, @NotNull @Size(max = 10) List<@NotBlank String> experiences) {
    }

    /** Steps 6 and 7: one operation on the library, with its reason; {@code code}/{@code text} may be empty. */
    record Operation(@NotNull Op op, @NotNull String code, @NotNull String text, @NotNull String reason) {

        enum Op {
            ADD, UPDATE, DELETE, NONE
        }
    }

    /** Step 6: a group's operations. */
    record GroupUpdate(@NotNull @Size(max = 20) List<@Valid @NotNull Operation> operations) {
    }

    /** Step 7: the batch's net operations. */
    record BatchUpdate(@NotNull @Size(max = 200) List<@Valid @NotNull Operation> operations) {
    }

    /** An experience over the word limit, shortened. */
    record ShortenedExperience(@NotBlank String text) {
    }
}
