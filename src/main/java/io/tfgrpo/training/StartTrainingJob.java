package io.tfgrpo.training;

import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.media.Schema;
import io.tfgrpo.reward.VerifierSpec;

/**
 * A training job to start. Unset fields take the method's defaults (METHOD.md): G = 5, 3 epochs, the whole
 * dataset as one batch, rollouts at temperature 0.7, distillation at 0, the math verifier, 2 experiences
 * proposed per group.
 */
public record StartTrainingJob(
        @NotNull @Schema(description = "the dataset to train on") UUID datasetId,
        @NotNull @Pattern(regexp = "^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$", message = "must be a library name (a slug)")
        @Schema(description = "trained from its current version; created empty if absent", example = "gsm8k-tips")
        String library,
        @Size(max = 64) @Schema(description = "profile for rollouts", defaultValue = "default") String rolloutModel,
        @Size(max = 64) @Schema(description = "profile for summaries, advantages and updates", defaultValue = "default")
        String distillModel,
        @Min(1) @Max(64) @Schema(description = "G, answers per problem", defaultValue = "5") Integer groupSize,
        @Min(1) @Max(100) @Schema(defaultValue = "3") Integer epochs,
        @Min(1) @Max(100_000) @Schema(description = "problems per step; default: the whole dataset") Integer batchSize,
        @DecimalMin("0") @DecimalMax("2") @Schema(defaultValue = "0.7") Double rolloutTemperature,
        @DecimalMin("0") @DecimalMax("2") @Schema(defaultValue = "0") Double distillTemperature,
        @Valid @Schema(description = "default: math") VerifierSpec verifier,
        @Schema(description = "use each group's majority answer as the label", defaultValue = "false")
        Boolean groundTruthFree,
        @Min(1) @Max(1000) @Schema(description = "cap on the library's size; default: none") Integer maxExperiences,
        @Min(1) @Max(10) @Schema(description = "experiences proposed per group", defaultValue = "2")
        Integer experiencesPerGroup,
        @Valid @Schema(description = "spending limits; each one left out takes its default "
                + "(tfgrpo.training.default-max-cost-usd, default-max-tokens)") Budget budget,
        @Valid @Schema(description = "evaluate the last version against the starting one before promoting it")
        Validation validation,
        @Schema(description = "shuffling and sampling seed", defaultValue = "42") Long seed,
        @Schema(description = "replacement texts for prompts: rollout, summary, advantage, group-update, "
                + "batch-update, shorten")
        Map<@Pattern(regexp = "rollout|summary|advantage|group-update|batch-update|shorten",
                message = "must be one of rollout, summary, advantage, group-update, batch-update, shorten") String,
                @Size(min = 1, max = 20_000) String> promptOverrides) {

    /**
     * The gate of the job's last version: k answers per problem of {@code datasetId} under the version the job
     * started from and the last one; promoted only if the lower bound of the improvement's 95% interval is above
     * {@code minImprovement}.
     */
    public record Validation(@NotNull UUID datasetId,
            @Min(1) @Max(64) @Schema(description = "answers per problem and version (the evaluation's `samples`)",
                    defaultValue = "4") Integer k,
            @DecimalMin("-1") @DecimalMax("1") Double minImprovement) {
    }

    /**
     * Spending limits: the job stops before a call that would pass either. A limit left out takes its default
     * (a setting); to allow more, give a higher one.
     */
    public record Budget(@DecimalMin("0") BigDecimal maxCostUsd, @Min(1) Long maxTokens) {
    }
}
