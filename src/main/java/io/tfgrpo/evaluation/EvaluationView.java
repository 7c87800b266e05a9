package io.tfgrpo.evaluation;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/** An evaluation: per version Mean@k and Pass@k, and each version against the baseline with a 95% interval. */
public record EvaluationView(
        UUID id,
        String status,
        String library,
        UUID datasetId,
        String model,
        int k,
        double temperature,
        @Schema(description = "answers stored of all the evaluation asks for") long answers,
        long totalAnswers,
        List<VersionResult> versions,
        List<Comparison> comparisons,
        String errorCode,
        String error,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt) {

    /** One version's figures over the problems answered so far. */
    public record VersionResult(@Schema(description = "a version number, or none") String version, int problems,
            int samples, double meanAtK,
            @Schema(description = "95% bootstrap interval of Mean@k over problems") double meanAtKLower,
            double meanAtKUpper, double passAtK, double meanTokensPerAnswer, BigDecimal costUsd, int failed) {
    }

    /** A version's mean reward minus the baseline's, paired over problems, with a 95% bootstrap interval. */
    public record Comparison(String version, String baseline, double difference, double lower, double upper,
            double confidence, int problems) {
    }
}
