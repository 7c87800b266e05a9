package io.tfgrpo.training;

import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What a finished job did with its last version, and why; with validation, the figures the decision rested on.
 * Decisions recorded before this record existed carry only {@code promoted} and {@code reason}.
 */
record Promotion(
        @Schema(description = "whether the job made its last version the served one") boolean promoted,
        @Schema(description = "the job's last version, the one decided on; absent: the job committed none")
        Integer version,
        @Schema(description = "the version served when the job ended") Integer served,
        @Schema(description = "the decision in words, with its figures",
                example = "not promoted: no validation set; version 2 is served") String reason,
        @Schema(description = "the call that serves the version by hand, when the job did not",
                example = "PUT /api/libraries/gsm8k-tips/current {\"version\": 3}") String promoteWith,
        @Schema(description = "the validation evaluation behind the decision") UUID evaluationId,
        @Schema(description = "Mean@n of the version minus that of the starting version, paired over problems")
        Double difference,
        @Schema(description = "the lower bound of the difference's 95% interval") Double lower,
        @Schema(description = "the upper bound of the difference's 95% interval") Double upper) {
}
