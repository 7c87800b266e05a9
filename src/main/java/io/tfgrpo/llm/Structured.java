package io.tfgrpo.llm;

import java.math.BigDecimal;
import java.util.List;

/** A validated JSON answer and the calls it took (two when the first answer had to be repaired). */
public record Structured<T>(T value, List<ChatReply> calls) {

    public boolean repaired() {
        return calls.size() > 1;
    }

    public int totalTokens() {
        return calls.stream().mapToInt(ChatReply::totalTokens).sum();
    }

    public BigDecimal costUsd() {
        return calls.stream().map(ChatReply::costUsd).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
