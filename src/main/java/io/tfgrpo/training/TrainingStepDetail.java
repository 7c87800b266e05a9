package io.tfgrpo.training;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/** One committed step: its figures, and what became of each operation of its batch update. */
record TrainingStepDetail(
        @Schema(description = "the step's figures, as in the job's steps") TrainingStepView figures,
        Operations operations) {

    /** The operations the library got, and those it did not, each with its reason. */
    public record Operations(
            @Schema(description = "committed in the step's version, in the order applied: deletes, updates, additions")
            List<OperationView> applied,
            @Schema(description = "left out, each with why") List<OperationView> rejected) {
    }

    /** One operation of the batch update. */
    public record OperationView(
            @Schema(description = "ADD, UPDATE or DELETE") String op,
            @Schema(description = "the experience's code (for an applied ADD, the code the library gave it)",
                    example = "E3") String code,
            String text,
            @Schema(description = "applied: the model's reason; rejected: why it was left out") String reason,
            @Schema(description = "how a text over the word limit was made to fit (shortened by the model, or cut); "
                    + "null when it fitted") String note) {
    }
}
