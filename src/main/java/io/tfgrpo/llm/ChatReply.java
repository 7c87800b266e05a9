package io.tfgrpo.llm;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * A model's answer with what it cost: tokens (from the provider's usage, or estimated when it gave none), USD,
 * latency over all attempts, the number of attempts, the ledger row that records it, and why the model stopped:
 * the provider's finish reason in lower case ({@code stop}; {@code length} when the answer was cut off at the
 * token limit, OpenAI's {@code finish_reason} and Ollama's {@code done_reason} alike), null when it gave none.
 */
public record ChatReply(String content, String model, int promptTokens, int completionTokens,
        boolean tokensEstimated, BigDecimal costUsd, Duration latency, int attempts, long callId, boolean cached,
        String finishReason) {

    public int totalTokens() {
        return promptTokens + completionTokens;
    }

    /** Whether the answer was cut off at the token limit: what it says is not all the model would have said. */
    public boolean truncated() {
        return "length".equals(finishReason);
    }
}
