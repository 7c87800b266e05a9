package io.tfgrpo.runs;

import java.util.OptionalLong;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The kernel's columns of one kind of run. Every change a running run makes to its own row is fenced by its lease
 * epoch, so a worker that lost the run (it paused past its heartbeats and another instance took over) changes
 * nothing.
 */
public final class RunTable {

    /** The longest error text kept on a run (the column's size). */
    public static final int MAX_ERROR = 2000;

    private final JdbcClient jdbc;
    private final RunKind kind;

    public RunTable(JdbcClient jdbc, RunKind kind) {
        this.jdbc = jdbc;
        this.kind = kind;
    }

    public RunKind kind() {
        return kind;
    }

    /** Takes the run for this execution: a new lease epoch, unless the run has ended. */
    public OptionalLong claim(UUID id, String owner) {
        return jdbc.sql("update " + kind.table() + """
                 set lease_epoch = lease_epoch + 1, lease_owner = :owner, status = 'RUNNING',
                     started_at = coalesce(started_at, now())
                where id = :id and status in ('QUEUED', 'RUNNING') returning lease_epoch""")
                .param("id", id).param("owner", owner).query(Long.class).optional()
                .map(OptionalLong::of).orElse(OptionalLong.empty());
    }

    /** Ends the run; false when this worker no longer holds it (or it had ended). */
    public boolean finish(UUID id, long leaseEpoch, RunStatus status, String errorCode, String error) {
        return jdbc.sql("update " + kind.table() + """
                 set status = :status, error_code = :code, error = :error, finished_at = now()
                where id = :id and lease_epoch = :epoch and status = 'RUNNING'""")
                .param("id", id).param("epoch", leaseEpoch).param("status", status.name()).param("code", errorCode)
                .param("error", truncate(error)).update() == 1;
    }

    public boolean cancelRequested(UUID id) {
        return jdbc.sql("select cancel_requested from " + kind.table() + " where id = :id").param("id", id)
                .query(Boolean.class).single();
    }

    /**
     * A queued run is cancelled at once; a running one is asked to stop, and stops before its next call. False: the
     * run had finished, and nothing changed.
     */
    public boolean requestCancel(UUID id) {
        return jdbc.sql("update " + kind.table() + " set status = 'CANCELLED', finished_at = now() "
                + "where id = :id and status = 'QUEUED'").param("id", id).update()
                + jdbc.sql("update " + kind.table() + " set cancel_requested = true where id = :id and status = 'RUNNING'")
                        .param("id", id).update() > 0;
    }

    static String truncate(String error) {
        return error == null || error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR - 3) + "...";
    }
}
