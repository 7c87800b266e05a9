package io.tfgrpo.evaluation;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * An evaluation: per version Mean@n (n = {@code samples}) and Pass@k for each k asked for, and each version against
 * the baseline with a 95% interval.
 */
public record EvaluationView(
        UUID id,
        String status,
        String library,
        UUID datasetId,
        String model,
        @Schema(description = "n, answers per problem and version") int samples,
        @Schema(description = "the k of each Pass@k reported") List<Integer> k,
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

    /**
     * One version's figures over the problems answered so far. Mean@n and its interval are the mean, and its
     * bootstrap, of the same per-problem means (each over the problem's scored answers).
     */
    public record VersionResult(@Schema(description = "a version number, or none") String version,
            @Schema(description = "problems with at least one scored answer: those Mean@n is over") int problems,
            @Schema(description = "answers stored") int samples,
            @Schema(description = "Mean@n: the mean over problems of each problem's mean reward") double meanAtK,
            @Schema(description = "95% bootstrap interval of Mean@n over problems") double meanAtKLower,
            double meanAtKUpper,
            @Schema(description = "the unbiased Pass@k by k, averaged over the problems with at least k scored "
                    + "answers (null for a k no problem has that many for yet)") Map<Integer, Double> passAtK,
            double meanTokensPerAnswer, BigDecimal costUsd,
            @Schema(description = "answers whose model call failed; they count as wrong") int failed,
            @Schema(description = "answers the verifier could not score (e.g. the judge's call failed); they count "
                    + "in no figure") int judgeFailed) {
    }

    /** A version's mean reward minus the baseline's, paired over problems, with a 95% bootstrap interval. */
    public record Comparison(String version, String baseline, double difference, double lower, double upper,
            double confidence, int problems) {
    }
}
