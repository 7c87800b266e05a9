package io.tfgrpo.llm;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * A model's answer with what it cost: tokens (from the provider's usage, or estimated when it gave none), USD,
 * latency over all attempts, the number of attempts, and the ledger row that records it.
 */
public record ChatReply(String content, String model, int promptTokens, int completionTokens,
        boolean tokensEstimated, BigDecimal costUsd, Duration latency, int attempts, long callId, boolean cached) {

    public int totalTokens() {
        return promptTokens + completionTokens;
    }
}
