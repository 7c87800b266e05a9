package io.tfgrpo.runs;

import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CancellationException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tfgrpo.shared.DatabaseUnavailable;

/**
 * One execution of a run, the same for every kind: claim the run under a new lease epoch, do its work, and end
 * it the way its work ended. A {@link RunEnded} finishes it with its status and code; {@link RunStopping} hands
 * it back; a {@link LeaseLost} changes nothing (the instance that holds it goes on); a database outage fails the
 * execution, so that db-scheduler retries it once the database is back (the run's stored results are kept); any
 * other error fails the run with code {@code ERROR}.
 */
public final class RunExecution {

    private static final Logger log = LoggerFactory.getLogger(RunExecution.class);

    /** A run's own work, under the lease epoch it was claimed with. */
    @FunctionalInterface
    public interface Work {
        RunOutcome run(long leaseEpoch);
    }

    private RunExecution() {
    }

    public static RunOutcome execute(RunTable table, UUID id, String owner, Work work) {
        OptionalLong lease = table.claim(id, owner);
        if (lease.isEmpty()) {
            return RunOutcome.ENDED; // finished or cancelled while queued
        }
        long epoch = lease.getAsLong();
        String noun = table.kind().noun();
        try {
            return work.run(epoch);
        }
        catch (RunEnded ended) {
            table.finish(id, epoch, ended.status(), ended.code(), ended.getMessage());
        }
        catch (RunStopping | CancellationException stopped) {
            log.info("{} {} stops on this instance (shutting down); it resumes elsewhere", noun, id);
            return RunOutcome.STOPPED;
        }
        catch (LeaseLost lost) {
            log.warn("{}; the instance that holds it now goes on", lost.getMessage());
        }
        catch (RuntimeException e) {
            if (DatabaseUnavailable.causes(e)) {
                log.warn("{} {} pauses, the database is unavailable: {}", noun, id, e.getMessage());
                throw e;
            }
            log.error("{} {} failed", noun, id, e);
            table.finish(id, epoch, RunStatus.FAILED, "ERROR", e.getMessage());
        }
        return RunOutcome.ENDED;
    }
}
