package io.tfgrpo.llm;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/** Writes one {@code llm_call} row per logical call, and sums them. Rows are never deleted by the service. */
@Component
class CallLedger {

    enum Outcome {
        OK, FAILED, PARSE_FAILED, CACHED
    }

    record Entry(String profile, String model, Purpose purpose, String owner, int promptTokens, int completionTokens,
            boolean tokensEstimated, BigDecimal costUsd, long latencyMs, int attempts, Outcome outcome, String error) {
    }

    private final JdbcClient jdbc;

    CallLedger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long record(Entry entry) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into llm_call (profile, model, purpose, owner, prompt_tokens, completion_tokens, tokens_estimated,
                                      cost_usd, latency_ms, attempts, outcome, error)
                values (:profile, :model, :purpose, :owner, :promptTokens, :completionTokens, :tokensEstimated,
                        :costUsd, :latencyMs, :attempts, :outcome, :error)""")
                .param("profile", entry.profile()).param("model", entry.model())
                .param("purpose", entry.purpose().name()).param("owner", entry.owner())
                .param("promptTokens", entry.promptTokens()).param("completionTokens", entry.completionTokens())
                .param("tokensEstimated", entry.tokensEstimated()).param("costUsd", entry.costUsd())
                .param("latencyMs", entry.latencyMs()).param("attempts", entry.attempts())
                .param("outcome", entry.outcome().name()).param("error", truncate(entry.error()))
                .update(keys, "id");
        return keys.getKeyAs(Long.class);
    }

    void markParseFailed(long callId, String problem) {
        jdbc.sql("update llm_call set outcome = 'PARSE_FAILED', error = :error where id = :id")
                .param("error", truncate("invalid JSON: " + problem)).param("id", callId).update();
    }

    /** The mean latency of the profile's last 200 successful calls. */
    java.util.Optional<java.time.Duration> meanLatency(String profile) {
        return jdbc.sql("""
                select avg(latency_ms) from (select latency_ms from llm_call where profile = :profile and outcome = 'OK'
                                             order by id desc limit 200) recent""")
                .param("profile", profile).query(Double.class).optional()
                .map(ms -> java.time.Duration.ofMillis(Math.round(ms)));
    }

    /** Sums of the calls that match; any filter may be null. */
    UsageView usage(String owner, String profile, Purpose purpose, Instant since) {
        String where = """
                where (cast(:owner as varchar) is null or owner = :owner)
                  and (cast(:profile as varchar) is null or profile = :profile)
                  and (cast(:purpose as varchar) is null or purpose = :purpose)
                  and (cast(:since as timestamptz) is null or created_at >= :since)""";
        List<UsageView.Line> lines = jdbc.sql("""
                select purpose, count(*) as calls, sum(prompt_tokens) as prompt, sum(completion_tokens) as completion,
                       sum(cost_usd) as cost, count(*) filter (where outcome = 'FAILED') as failed,
                       count(*) filter (where outcome = 'PARSE_FAILED') as parse_failed,
                       count(*) filter (where tokens_estimated) as estimated, sum(attempts - 1) as retries
                from llm_call
                """ + where + " group by purpose order by purpose")
                .param("owner", owner).param("profile", profile)
                .param("purpose", purpose == null ? null : purpose.name())
                .param("since", since == null ? null : Timestamp.from(since))
                .query((rs, row) -> new UsageView.Line(Purpose.valueOf(rs.getString("purpose")), rs.getLong("calls"),
                        rs.getLong("prompt"), rs.getLong("completion"), UsageView.plain(rs.getBigDecimal("cost")),
                        rs.getLong("failed"), rs.getLong("parse_failed"), rs.getLong("estimated"),
                        Math.max(0, rs.getLong("retries"))))
                .list();
        return UsageView.of(owner, profile, purpose, since, lines);
    }

    private static String truncate(String text) {
        return text == null || text.length() <= 1000 ? text : text.substring(0, 997) + "...";
    }
}
