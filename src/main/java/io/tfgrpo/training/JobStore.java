package io.tfgrpo.training;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.tfgrpo.runs.RunKind;
import io.tfgrpo.runs.RunStatus;
import io.tfgrpo.runs.RunTable;
import tools.jackson.databind.json.JsonMapper;

/**
 * The training_job rows. Every change a running job makes to its own row is fenced by its lease epoch, so a
 * worker that lost the job (it paused past its heartbeats and another instance took over) changes nothing.
 */
@Component
class JobStore {

    static final RunKind KIND = new RunKind("training_job", "Training job", "training-job-finished", "job");

    record Job(UUID id, RunStatus status, JobConfig config, String library, int startVersion, int epochs,
            int stepsPerEpoch, int nextStep, long leaseEpoch, boolean cancelRequested, String errorCode, String error,
            UUID validationEvaluation, Promotion promotion, Instant createdAt, Instant startedAt, Instant finishedAt) {

        int totalSteps() {
            return epochs * stepsPerEpoch;
        }
    }

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final RunTable runs;

    JobStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
        this.runs = new RunTable(jdbc, KIND);
    }

    /** The kernel's operations on the job rows: claim, fenced finish, cancel. */
    RunTable runs() {
        return runs;
    }

    /** The job an idempotency key started, and the hash of the request that started it (null on older jobs). */
    record Keyed(UUID id, String requestHash) {
    }

    /** A job without an idempotency key, or with one that is not compared with the request (as before V11). */
    void insert(UUID id, JobConfig config, int startVersion, int stepsPerEpoch, String idempotencyKey) {
        insert(id, config, startVersion, stepsPerEpoch, idempotencyKey, null);
    }

    void insert(UUID id, JobConfig config, int startVersion, int stepsPerEpoch, String idempotencyKey,
            String requestHash) {
        jdbc.sql("""
                insert into training_job (id, status, config, dataset_id, library, start_version, epochs, steps_per_epoch,
                                          idempotency_key, request_hash)
                values (:id, 'QUEUED', cast(:config as jsonb), :dataset, :library, :start, :epochs, :steps, :key, :hash)""")
                .param("id", id).param("config", json.writeValueAsString(config)).param("dataset", config.datasetId())
                .param("library", config.library()).param("start", startVersion).param("epochs", config.epochs())
                .param("steps", stepsPerEpoch).param("key", idempotencyKey).param("hash", requestHash).update();
    }

    /**
     * Serialises the starts that carry this idempotency key until the caller's transaction ends, so that the
     * second of two concurrent starts sees the job of the first instead of inserting a duplicate.
     */
    void lockIdempotencyKey(String key) {
        jdbc.sql("select pg_advisory_xact_lock(hashtext('training_job.idempotency_key'), hashtext(:key))")
                .param("key", key).query().listOfRows();
    }

    Optional<Keyed> byIdempotencyKey(String key) {
        return jdbc.sql("select id, request_hash from training_job where idempotency_key = :key").param("key", key)
                .query((rs, row) -> new Keyed(rs.getObject("id", UUID.class), rs.getString("request_hash"))).optional();
    }

    Optional<Job> find(UUID id) {
        return jdbc.sql("select * from training_job where id = :id").param("id", id).query(this::job).optional();
    }

    List<Job> list(int page, int size) {
        return jdbc.sql("select * from training_job order by created_at desc limit :size offset :offset")
                .param("size", size).param("offset", (long) page * size).query(this::job).list();
    }

    /** Jobs that train or validate on the dataset, oldest first, at most {@code limit}. */
    List<UUID> usingDataset(UUID dataset, int limit) {
        return jdbc.sql("""
                select id from training_job
                where dataset_id = :dataset or config -> 'validation' ->> 'datasetId' = :text
                order by created_at limit :limit""")
                .param("dataset", dataset).param("text", dataset.toString()).param("limit", limit)
                .query(UUID.class).list();
    }

    long count() {
        return jdbc.sql("select count(*) from training_job").query(Long.class).single();
    }

    /** Marks {@code step} committed; false when the lease was lost or the step was committed already. */
    boolean advance(UUID id, long leaseEpoch, int step) {
        return jdbc.sql("""
                update training_job set next_step = :step + 1
                where id = :id and lease_epoch = :epoch and next_step = :step and status = 'RUNNING'""")
                .param("id", id).param("epoch", leaseEpoch).param("step", step).update() == 1;
    }

    void saveValidationEvaluation(UUID id, long leaseEpoch, UUID evaluation) {
        jdbc.sql("update training_job set validation_evaluation_id = :evaluation where id = :id and lease_epoch = :epoch")
                .param("evaluation", evaluation).param("id", id).param("epoch", leaseEpoch).update();
    }

    /** Ends the job SUCCEEDED with what it did about promotion; false when the lease was lost. */
    boolean succeed(UUID id, long leaseEpoch, Promotion promotion) {
        return jdbc.sql("""
                update training_job set status = 'SUCCEEDED', promotion = cast(:promotion as jsonb), finished_at = now()
                where id = :id and lease_epoch = :epoch and status = 'RUNNING'""")
                .param("promotion", json.writeValueAsString(promotion)).param("id", id).param("epoch", leaseEpoch).update() == 1;
    }

    private Job job(ResultSet rs, int row) throws SQLException {
        return new Job(rs.getObject("id", UUID.class), RunStatus.valueOf(rs.getString("status")),
                json.readValue(rs.getString("config"), JobConfig.class), rs.getString("library"),
                rs.getInt("start_version"), rs.getInt("epochs"), rs.getInt("steps_per_epoch"), rs.getInt("next_step"),
                rs.getLong("lease_epoch"), rs.getBoolean("cancel_requested"), rs.getString("error_code"),
                rs.getString("error"), rs.getObject("validation_evaluation_id", UUID.class),
                promotion(rs.getString("promotion")),
                instant(rs, "created_at"), instant(rs, "started_at"),
                instant(rs, "finished_at"));
    }

    private Promotion promotion(String stored) {
        return stored == null ? null : json.readValue(stored, Promotion.class);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        var timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
