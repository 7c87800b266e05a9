package io.tfgrpo.evaluation;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.tfgrpo.runs.RunKind;
import io.tfgrpo.runs.RunTable;
import tools.jackson.databind.json.JsonMapper;

/** Evaluation rows and their answers; like a training job's, a run's own changes are fenced by its lease epoch. */
@Component
class EvaluationStore {

    record Run(UUID id, String status, EvaluationConfig config, long leaseEpoch, boolean cancelRequested,
            String errorCode, String error, Instant createdAt, Instant startedAt, Instant finishedAt) {

        boolean finished() {
            return status.equals("SUCCEEDED") || status.equals("FAILED") || status.equals("CANCELLED");
        }
    }

    /**
     * A stored answer. {@code failed}: the model call failed (reward 0); {@code judgeFailed}: the verifier could not
     * score it, so it has no reward and counts in no mean.
     */
    record Answer(String label, int item, int sample, double reward, boolean failed, boolean judgeFailed, int tokens,
            BigDecimal cost) {

        Answer(String label, int item, int sample, double reward, boolean failed, int tokens, BigDecimal cost) {
            this(label, item, sample, reward, failed, false, tokens, cost);
        }
    }

    static final RunKind KIND = new RunKind("evaluation", "Evaluation", "evaluation-finished", "evaluation");

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final RunTable runs;

    EvaluationStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
        this.runs = new RunTable(jdbc, KIND);
    }

    /** The kernel's operations on the evaluation rows: claim, fenced finish, cancel. */
    RunTable runs() {
        return runs;
    }

    void insert(UUID id, EvaluationConfig config) {
        jdbc.sql("""
                insert into evaluation (id, status, config, dataset_id, library)
                values (:id, 'QUEUED', cast(:config as jsonb), :dataset, :library)""")
                .param("id", id).param("config", json.writeValueAsString(config)).param("dataset", config.datasetId())
                .param("library", config.library()).update();
    }

    /** Evaluations, newest first. */
    List<Run> list(int page, int size) {
        return jdbc.sql("select * from evaluation order by created_at desc, id limit :size offset :offset")
                .param("size", size).param("offset", (long) page * size).query(this::run).list();
    }

    long count() {
        return jdbc.sql("select count(*) from evaluation").query(Long.class).single();
    }

    /** How many answers each of these evaluations has stored. */
    Map<UUID, Long> answerCounts(List<UUID> ids) {
        Map<UUID, Long> counts = new HashMap<>();
        if (!ids.isEmpty()) {
            jdbc.sql("select evaluation_id, count(*) as answers from evaluation_item where evaluation_id in (:ids) "
                    + "group by evaluation_id").param("ids", ids)
                    .query((rs, row) -> counts.put(rs.getObject("evaluation_id", UUID.class), rs.getLong("answers")))
                    .list();
        }
        return counts;
    }

    Optional<Run> find(UUID id) {
        return jdbc.sql("select * from evaluation where id = :id").param("id", id).query(this::run).optional();
    }

    /** Evaluations of the dataset, oldest first, at most {@code limit}. */
    List<UUID> usingDataset(UUID dataset, int limit) {
        return jdbc.sql("select id from evaluation where dataset_id = :dataset order by created_at limit :limit")
                .param("dataset", dataset).param("limit", limit).query(UUID.class).list();
    }

    void saveAnswer(UUID id, String label, int item, int sample, String response, String extracted, double reward,
            boolean failed, int tokens, BigDecimal cost) {
        jdbc.sql("""
                insert into evaluation_item (evaluation_id, version_label, item, sample, response, extracted, reward, failed,
                                             tokens, cost_usd)
                values (:id, :label, :item, :sample, :response, :extracted, :reward, :failed, :tokens, :cost)
                on conflict do nothing""")
                .param("id", id).param("label", label).param("item", item).param("sample", sample)
                .param("response", response).param("extracted", extracted).param("reward", reward)
                .param("failed", failed).param("tokens", tokens).param("cost", cost).update();
    }

    /** An answer the verifier could not score (a judge's call or reply failed): kept, with why, but not scored. */
    void saveUnjudged(UUID id, String label, int item, int sample, String response, String judgeError, int tokens,
            BigDecimal cost) {
        jdbc.sql("""
                insert into evaluation_item (evaluation_id, version_label, item, sample, response, reward, judge_error,
                                             tokens, cost_usd)
                values (:id, :label, :item, :sample, :response, 0, :error, :tokens, :cost)
                on conflict do nothing""")
                .param("id", id).param("label", label).param("item", item).param("sample", sample)
                .param("response", response).param("error", judgeError.length() <= 1000 ? judgeError
                        : judgeError.substring(0, 1000)).param("tokens", tokens).param("cost", cost).update();
    }

    List<Answer> answers(UUID id) {
        return jdbc.sql("select * from evaluation_item where evaluation_id = :id order by version_label, item, sample")
                .param("id", id)
                .query((rs, row) -> new Answer(rs.getString("version_label"), rs.getInt("item"), rs.getInt("sample"),
                        rs.getDouble("reward"), rs.getBoolean("failed"), rs.getString("judge_error") != null,
                        rs.getInt("tokens"), rs.getBigDecimal("cost_usd")))
                .list();
    }

    private Run run(ResultSet rs, int row) throws SQLException {
        return new Run(rs.getObject("id", UUID.class), rs.getString("status"),
                json.readValue(rs.getString("config"), EvaluationConfig.class), rs.getLong("lease_epoch"),
                rs.getBoolean("cancel_requested"), rs.getString("error_code"), rs.getString("error"),
                instant(rs, "created_at"), instant(rs, "started_at"), instant(rs, "finished_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        var timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
