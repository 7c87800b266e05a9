package io.tfgrpo.training;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/** A training job: its state, progress, per-step figures, what it used, and what it produced. */
public record TrainingJobView(
        UUID id,
        @Schema(description = "QUEUED, RUNNING, SUCCEEDED, FAILED or CANCELLED") String status,
        String library,
        UUID datasetId,
        @Schema(description = "the library version the job started from") int startVersion,
        int epochs,
        int stepsPerEpoch,
        int totalSteps,
        @Schema(description = "steps committed so far") int completedSteps,
        @Schema(description = "library versions the job committed, in order") List<Integer> versions,
        List<TrainingStepView> steps,
        long tokens,
        BigDecimal costUsd,
        @Schema(description = "the spending limits in effect: the request's, and for each one it left out the default "
                + "(tfgrpo.training.default-max-cost-usd, tfgrpo.training.default-max-tokens); null: none")
        StartTrainingJob.Budget budget,
        boolean cancelRequested,
        @Schema(description = "why the job failed or stopped, e.g. BUDGET_EXCEEDED") String errorCode,
        String error,
        @Schema(description = "what the job did with its last version, and why; null until it succeeds")
        Promotion promotion,
        @Schema(description = "the evaluation behind that decision, if validation was asked for") UUID validationEvaluationId,
        Object config,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt) {
}
