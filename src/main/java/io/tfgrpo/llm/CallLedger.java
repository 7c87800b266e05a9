package io.tfgrpo.llm;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SQLExceptionTranslator;
import org.springframework.stereotype.Component;

import io.tfgrpo.shared.DatabaseUnavailable;

/** Writes one {@code llm_call} row per logical call, and sums them. Rows are never deleted by the service. */
@Component
class CallLedger {

    enum Outcome {
        OK, FAILED, PARSE_FAILED, CACHED
    }

    record Entry(String profile, String model, Purpose purpose, String owner, int promptTokens, int completionTokens,
            boolean tokensEstimated, BigDecimal costUsd, long latencyMs, int attempts, Outcome outcome,
            String errorKind, String error) {
    }

    /** At most this many rows go into one insert (one array of this length per column). */
    static final int MAX_BATCH = 500;

    /** A column of {@code llm_call} as the insert fills it: its name, its PostgreSQL type and its value. */
    private record Column(String name, String type, Function<Entry, Object> value) {
    }

    private static final List<Column> COLUMNS = List.of(
            new Column("profile", "varchar", Entry::profile),
            new Column("model", "varchar", Entry::model),
            new Column("purpose", "varchar", entry -> entry.purpose().name()),
            new Column("owner", "varchar", Entry::owner),
            new Column("prompt_tokens", "int4", Entry::promptTokens),
            new Column("completion_tokens", "int4", Entry::completionTokens),
            new Column("tokens_estimated", "bool", Entry::tokensEstimated),
            new Column("cost_usd", "numeric", Entry::costUsd),
            new Column("latency_ms", "int8", Entry::latencyMs),
            new Column("attempts", "int4", Entry::attempts),
            new Column("outcome", "varchar", entry -> entry.outcome().name()),
            new Column("error_kind", "varchar", Entry::errorKind),
            new Column("error", "varchar", entry -> ErrorText.safe(entry.error(), null)));

    /** One array per column, unnested into rows: the same statement for a batch of any size. */
    private static final String INSERT = "insert into llm_call ("
            + COLUMNS.stream().map(Column::name).collect(Collectors.joining(", ")) + ") select * from unnest("
            + COLUMNS.stream().map(c -> "?::" + c.type() + "[]").collect(Collectors.joining(", ")) + ") returning id";

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final SQLExceptionTranslator translator;

    /** Calls whose row is not written yet; whoever holds {@link #writer} writes all of them in one statement. */
    private final Queue<Pending> waiting = new ConcurrentLinkedQueue<>();
    private final ReentrantLock writer = new ReentrantLock();
    private final LongAdder statements = new LongAdder();

    CallLedger(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.translator = new JdbcTemplate(dataSource).getExceptionTranslator();
    }

    /**
     * Writes the call's row and returns its id once it is committed. Calls that arrive while another call's rows
     * are being written wait and are then written together, in one statement and one commit (a group commit): a
     * call alone costs one round trip, as before, and under load the database does one insert for many calls
     * instead of one each. The rows are committed on their own, never in the caller's transaction. If the
     * statement fails for a reason other than an unavailable database, its rows are written one by one, so that
     * a row the schema refuses fails only its own call.
     */
    long record(Entry entry) {
        Pending mine = new Pending(entry);
        waiting.add(mine);
        writer.lock();
        try {
            // mine is written by this thread or was by an earlier holder of the lock, which completes each row it
            // took before releasing it
            while (!mine.done) {
                write(drain());
            }
        }
        finally {
            writer.unlock();
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
        return mine.id;
    }

    /** Insert statements run so far: fewer than the calls recorded when calls were written together. */
    long statements() {
        return statements.sum();
    }

    /** Holding the writer: for tests that need calls to pile up behind a write in progress. */
    ReentrantLock writer() {
        return writer;
    }

    /** Calls waiting for their row to be written. */
    int waiting() {
        return waiting.size();
    }

    private List<Pending> drain() {
        List<Pending> batch = new ArrayList<>();
        Pending next;
        while (batch.size() < MAX_BATCH && (next = waiting.poll()) != null) {
            batch.add(next);
        }
        return batch;
    }

    private void write(List<Pending> batch) {
        try {
            insert(batch);
        }
        catch (RuntimeException | Error e) {
            RuntimeException failure = e instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException("The ledger could not be written", e);
            if (batch.size() == 1 || DatabaseUnavailable.causes(e) || e instanceof Error) {
                batch.forEach(pending -> pending.fail(failure));
                return;
            }
            for (Pending pending : batch) {
                try {
                    insert(List.of(pending));
                }
                catch (RuntimeException single) {
                    pending.fail(single);
                }
            }
        }
    }

    /**
     * One statement for the whole batch. The ids come from the table's sequence in the order unnest produces the
     * rows, the order of the arrays, so the ascending ids belong to the batch's calls in order.
     */
    private void insert(List<Pending> batch) {
        statements.increment();
        int n = batch.size();
        long[] ids = new long[n];
        Connection connection;
        try {
            connection = dataSource.getConnection();
        }
        catch (SQLException e) {
            throw new CannotGetJdbcConnectionException("No connection to write the ledger", e);
        }
        try (connection; PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (int c = 0; c < COLUMNS.size(); c++) {
                Column column = COLUMNS.get(c);
                Object[] values = batch.stream().map(pending -> column.value().apply(pending.entry)).toArray();
                insert.setArray(c + 1, connection.createArrayOf(column.type(), values));
            }
            int row = 0;
            try (ResultSet keys = insert.executeQuery()) {
                while (keys.next()) {
                    ids[row++] = keys.getLong(1);
                }
            }
            if (row != n) {
                throw new IllegalStateException("The ledger wrote " + row + " rows for " + n + " calls");
            }
        }
        catch (SQLException e) {
            DataAccessException translated = translator.translate("writing the ledger", INSERT, e);
            throw translated != null ? translated : new UncategorizedSQLException("writing the ledger", INSERT, e);
        }
        Arrays.sort(ids);
        for (int i = 0; i < n; i++) {
            batch.get(i).written(ids[i]);
        }
    }

    /** A call waiting for its row; its fields are written and read under {@link #writer}. */
    private static final class Pending {

        final Entry entry;
        boolean done;
        long id;
        RuntimeException failure;

        Pending(Entry entry) {
            this.entry = entry;
        }

        void written(long id) {
            this.id = id;
            this.done = true;
        }

        void fail(RuntimeException failure) {
            this.failure = failure;
            this.done = true;
        }
    }

    void markParseFailed(long callId, String problem) {
        jdbc.sql("update llm_call set outcome = 'PARSE_FAILED', error_kind = 'invalid-json', error = :error where id = :id")
                .param("error", ErrorText.safe("invalid JSON: " + problem, null)).param("id", callId).update();
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
}
