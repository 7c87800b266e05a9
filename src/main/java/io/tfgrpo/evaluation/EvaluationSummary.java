package io.tfgrpo.evaluation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/** An evaluation in a list: what it measures and how far it got, without its figures (GET it for those). */
record EvaluationSummary(
        UUID id,
        @Schema(description = "QUEUED, RUNNING, SUCCEEDED, FAILED or CANCELLED") String status,
        String library,
        UUID datasetId,
        String model,
        @Schema(description = "the versions evaluated (`none`: no prior)") List<String> versions,
        @Schema(description = "n, answers per problem and version") int samples,
        @Schema(description = "the k of each Pass@k reported") List<Integer> k,
        @Schema(description = "answers stored of all the evaluation asks for") long answers,
        long totalAnswers,
        String errorCode,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt) {
}
