package io.tfgrpo.evaluation;

import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonFormat;

import io.swagger.v3.oas.annotations.media.Schema;
import io.tfgrpo.reward.VerifierSpec;

/**
 * An evaluation: {@code samples} answers per problem of a dataset under each version of a library (and the baseline),
 * reported as Mean@samples and Pass@k for each k asked for. The older form, {@code k} alone as one number, still
 * means that many samples and Pass@k for that k.
 */
public record StartEvaluation(
        @NotNull UUID datasetId,
        @NotBlank @Schema(example = "gsm8k-tips") String library,
        @Size(min = 1, max = 10) @Schema(description = "version numbers, `current`, or `none` (no prior); "
                + "default [none, current]") List<@NotNull @Pattern(regexp = "none|current|\\d{1,9}",
                        message = "must be a version number, current or none") String> versions,
        @Size(max = 64) @Schema(defaultValue = "default") String model,
        @Min(1) @Max(64) @Schema(description = "n, answers per problem: Mean@n is reported; default: the largest k, "
                + "else 4") Integer samples,
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) @Size(min = 1, max = 10)
        @Schema(description = "the k of each Pass@k to report, each at most `samples`; a single number is read as a "
                + "list of one; default: [samples]", example = "[1, 4, 8]")
        List<@NotNull @Min(1) @Max(64) Integer> k,
        @DecimalMin("0") @DecimalMax("2") @Schema(defaultValue = "0.3") Double temperature,
        @Valid @Schema(description = "default: math") VerifierSpec verifier,
        @Valid @Schema(description = "the run stops (FAILED, BUDGET_EXCEEDED) before a call that could pass it")
        Budget budget,
        @Schema(description = "seed of the samples and of the bootstrap", defaultValue = "7") Long seed,
        @Size(min = 1, max = 20_000) @Schema(description = "the prompt each problem is asked in, `{{problem}}` marking "
                + "where it goes; unset: the service's rollout prompt. A training job's validation uses the job's "
                + "own `rollout` prompt override, so that it answers exactly as the job's rollouts did.")
        String rolloutPrompt) {

    /** Spending limits of an evaluation. */
    public record Budget(@jakarta.validation.constraints.DecimalMin("0") java.math.BigDecimal maxCostUsd,
            @Min(1) Long maxTokens) {
    }
}
