package io.tfgrpo.inference;

import java.math.BigDecimal;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/** The model's answer, and exactly which prior produced it. */
record InferenceResponse(
        String answer,
        String library,
        @Schema(description = "the version applied; null when `none` was asked for") Integer libraryVersion,
        @Schema(description = "the experiences applied, by code") List<String> experiences,
        String model,
        Usage usage,
        long latencyMs) {

    public record Usage(int promptTokens, int completionTokens, int totalTokens, boolean estimated, BigDecimal costUsd) {
    }
}
