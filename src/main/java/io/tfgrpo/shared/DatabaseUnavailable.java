package io.tfgrpo.shared;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Tells an outage of the database (no connection, a connection cut by a restart, a server shutting down) from
 * every other error: a job that meets one pauses and resumes from what it stored instead of failing, and a request
 * gets 503 instead of 500.
 */
public final class DatabaseUnavailable {

    /** What a 503 for an unavailable database tells a client to wait, in seconds. */
    public static final String RETRY_AFTER_SECONDS = "5";

    private static final String CLOSED = "Connection is closed";

    private DatabaseUnavailable() {
    }

    public static boolean causes(Throwable error) {
        for (Throwable e = error; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (e instanceof DataAccessResourceFailureException || e instanceof TransientDataAccessResourceException
                    || e instanceof RecoverableDataAccessException || e instanceof CannotCreateTransactionException
                    || e instanceof SQLTransientConnectionException || e instanceof SQLRecoverableException) {
                return true;
            }
            // PostgreSQL's connection exceptions (08...) and operator interventions: shutdown, crash, starting up
            if (e instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
            // the pool's own word for a connection it closed when the server went away (a rollback on it fails so)
            if (e instanceof SQLException sql && sql.getSQLState() == null && CLOSED.equals(sql.getMessage())) {
                return true;
            }
        }
        return false;
    }
}
