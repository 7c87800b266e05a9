package io.tfgrpo.retention;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.function.ToIntFunction;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Deletes ledger rows, served answers and rollouts older than their retention age, in batches of
 * {@code tfgrpo.retention.batch-size}, each batch its own short transaction. Nothing a job or an evaluation still
 * running may read is deleted: its rollouts, and the ledger rows its budget is counted from.
 */
@Component
class Retention {

    private static final Logger log = LoggerFactory.getLogger(Retention.class);

    /** The ledger's rows of one kind, older than the cut-off and owned by no unfinished work. */
    private static final String LEDGER_BATCH = """
            delete from llm_call where id in (
                select c.id from llm_call c
                where c.created_at < :cutoff and (c.purpose = 'INFERENCE') = :served
                  and not exists (select 1 from training_job j
                                  where j.status in ('QUEUED', 'RUNNING') and j.id::text = c.owner)
                  and not exists (select 1 from evaluation e
                                  where e.status in ('QUEUED', 'RUNNING') and e.id::text = c.owner)
                order by c.created_at limit :batch)""";

    private static final String ROLLOUT_BATCH = """
            delete from rollout where (job_id, step, item, sample) in (
                select r.job_id, r.step, r.item, r.sample from rollout r
                join training_job j on j.id = r.job_id
                where j.status in ('SUCCEEDED', 'FAILED', 'CANCELLED') and r.created_at < :cutoff
                limit :batch)""";

    /** What one run deleted. */
    record Deleted(long llmCalls, long servedAnswers, long rollouts) {
    }

    private final JdbcClient jdbc;
    private final RetentionSettings settings;

    Retention(JdbcClient jdbc, RetentionSettings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    Deleted run() {
        Deleted deleted = new Deleted(ledger(settings.llmCalls(), false), ledger(settings.servedAnswers(), true),
                inBatches(settings.rollouts(), cutoff -> jdbc.sql(ROLLOUT_BATCH).param("cutoff", cutoff)
                        .param("batch", settings.batchSize()).update()));
        if (deleted.llmCalls() + deleted.servedAnswers() + deleted.rollouts() > 0) {
            log.info("Retention deleted {} ledger rows, {} served answers and {} rollouts", deleted.llmCalls(),
                    deleted.servedAnswers(), deleted.rollouts());
        }
        return deleted;
    }

    private long ledger(Duration age, boolean served) {
        return inBatches(age, cutoff -> jdbc.sql(LEDGER_BATCH).param("cutoff", cutoff).param("served", served)
                .param("batch", settings.batchSize()).update());
    }

    private long inBatches(Duration age, ToIntFunction<OffsetDateTime> deleteBatch) {
        if (RetentionSettings.keepsForever(age)) {
            return 0;
        }
        OffsetDateTime cutoff = Instant.now().minus(age).atOffset(ZoneOffset.UTC);
        long total = 0;
        int deleted;
        do {
            deleted = deleteBatch.applyAsInt(cutoff);
            total += deleted;
        }
        while (deleted == settings.batchSize());
        return total;
    }
}
