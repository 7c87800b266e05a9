package io.tfgrpo.llm;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** What a set of model calls used and cost, in all and per purpose. */
public record UsageView(String owner, String profile, Purpose purpose, Instant since, long calls, long promptTokens,
        long completionTokens, long totalTokens, BigDecimal costUsd, long failed, long parseFailed,
        long estimatedUsage, long retries, List<Line> byPurpose) {

    /** The figures of one purpose. */
    public record Line(Purpose purpose, long calls, long promptTokens, long completionTokens, BigDecimal costUsd,
            long failed, long parseFailed, long estimatedUsage, long retries) {
    }

    /** Without the ledger column's trailing zeros (0E-8 reads badly in JSON). */
    static BigDecimal plain(BigDecimal value) {
        return value == null || value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
    }

    static UsageView of(String owner, String profile, Purpose purpose, Instant since, List<Line> lines) {
        long prompt = lines.stream().mapToLong(Line::promptTokens).sum();
        long completion = lines.stream().mapToLong(Line::completionTokens).sum();
        return new UsageView(owner, profile, purpose, since, lines.stream().mapToLong(Line::calls).sum(), prompt,
                completion, prompt + completion,
                plain(lines.stream().map(Line::costUsd).reduce(BigDecimal.ZERO, BigDecimal::add)),
                lines.stream().mapToLong(Line::failed).sum(), lines.stream().mapToLong(Line::parseFailed).sum(),
                lines.stream().mapToLong(Line::estimatedUsage).sum(), lines.stream().mapToLong(Line::retries).sum(),
                lines);
    }
}
