package io.tfgrpo.training;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Everything a step has obtained from models, stored the moment it arrives (rollouts, rewards, summaries, group
 * results, the batch update), and the committed steps. A resumed step reads these back and calls only for
 * what is missing. Inserts ignore duplicates, so a result stored twice by racing workers is stored once.
 */
@Component
class StepStore {

    /**
     * A rollout; {@code failed}: its call failed after retries; {@code truncated}: its answer was cut off at the token
     * limit. Neither is an answer: such a rollout takes no part in its group.
     */
    record Rollout(int item, int sample, String response, String extracted, Double reward, boolean failed,
            String error, String summary, boolean truncated) {

        boolean usable() {
            return !failed && !truncated;
        }
    }

    record Group(int item, Distillation.GroupAdvantage advantage, List<Distillation.Operation> operations,
            String failure) {
    }

    record Step(int step, int epoch, int batch, int baseVersion, Integer libraryVersion, int problems,
            double meanReward, int groupsLearned, int groupsSkipped, int groupsFailed, int operationsApplied,
            int operationsRejected, long tokens, BigDecimal costUsd, long durationMs, int rolloutsFailed,
            int rolloutsTruncated, String distillationFailed) {
    }

    /** The batch update of a step: its net operations, or why the call failed for good. */
    record Batch(List<Distillation.Operation> operations, String failure) {
    }

    private static final TypeReference<List<Distillation.Operation>> OPERATIONS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    StepStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    Map<Integer, Map<Integer, Rollout>> rollouts(UUID job, int step) {
        Map<Integer, Map<Integer, Rollout>> byItem = new HashMap<>();
        jdbc.sql("select * from rollout where job_id = :job and step = :step").param("job", job).param("step", step)
                .query(StepStore::rollout)
                .list().forEach(r -> byItem.computeIfAbsent(r.item(), i -> new HashMap<>()).put(r.sample(), r));
        return byItem;
    }

    Map<Integer, Rollout> rollouts(UUID job, int step, int item) {
        Map<Integer, Rollout> bySample = new HashMap<>();
        jdbc.sql("select * from rollout where job_id = :job and step = :step and item = :item").param("job", job)
                .param("step", step).param("item", item)
                .query(StepStore::rollout)
                .list().forEach(r -> bySample.put(r.sample(), r));
        return bySample;
    }

    /** {@code response} null: the call failed with {@code error}. */
    void saveRollout(UUID job, int step, int item, int sample, String response, boolean truncated, String error) {
        jdbc.sql("""
                insert into rollout (job_id, step, item, sample, response, failed, truncated, error)
                values (:job, :step, :item, :sample, :response, :failed, :truncated, :error) on conflict do nothing""")
                .param("job", job).param("step", step).param("item", item).param("sample", sample)
                .param("response", response).param("failed", response == null).param("truncated", truncated)
                .param("error", truncate(error)).update();
    }

    void saveReward(UUID job, int step, int item, int sample, String extracted, double reward) {
        jdbc.sql("""
                update rollout set extracted = :extracted, reward = :reward
                where job_id = :job and step = :step and item = :item and sample = :sample""")
                .param("job", job).param("step", step).param("item", item).param("sample", sample)
                .param("extracted", truncate(extracted)).param("reward", reward).update();
    }

    void saveSummary(UUID job, int step, int item, int sample, String summary) {
        jdbc.sql("""
                update rollout set summary = :summary
                where job_id = :job and step = :step and item = :item and sample = :sample""")
                .param("job", job).param("step", step).param("item", item).param("sample", sample)
                .param("summary", summary).update();
    }

    Map<Integer, Group> groups(UUID job, int step) {
        Map<Integer, Group> byItem = new HashMap<>();
        jdbc.sql("select * from group_result where job_id = :job and step = :step").param("job", job)
                .param("step", step)
                .query((rs, row) -> new Group(rs.getInt("item"),
                        rs.getString("advantage") == null ? null
                                : json.readValue(rs.getString("advantage"), Distillation.GroupAdvantage.class),
                        rs.getString("operations") == null ? null : json.readValue(rs.getString("operations"), OPERATIONS),
                        rs.getString("failure")))
                .list().forEach(g -> byItem.put(g.item(), g));
        return byItem;
    }

    void saveAdvantage(UUID job, int step, int item, Distillation.GroupAdvantage advantage) {
        jdbc.sql("""
                insert into group_result (job_id, step, item, advantage) values (:job, :step, :item, cast(:advantage as jsonb))
                on conflict (job_id, step, item) do update set advantage = excluded.advantage""")
                .param("job", job).param("step", step).param("item", item)
                .param("advantage", json.writeValueAsString(advantage)).update();
    }

    void saveOperations(UUID job, int step, int item, List<Distillation.Operation> operations) {
        jdbc.sql("update group_result set operations = cast(:ops as jsonb) where job_id = :job and step = :step and item = :item")
                .param("job", job).param("step", step).param("item", item)
                .param("ops", json.writeValueAsString(operations)).update();
    }

    void saveGroupFailure(UUID job, int step, int item, String failure) {
        jdbc.sql("""
                insert into group_result (job_id, step, item, failure) values (:job, :step, :item, :failure)
                on conflict (job_id, step, item) do update set failure = excluded.failure""")
                .param("job", job).param("step", step).param("item", item).param("failure", truncate(failure)).update();
    }

    Optional<Batch> batchUpdate(UUID job, int step) {
        return jdbc.sql("select operations, failure from batch_update where job_id = :job and step = :step")
                .param("job", job).param("step", step)
                .query((rs, row) -> new Batch(rs.getString("operations") == null ? null
                        : json.readValue(rs.getString("operations"), OPERATIONS), rs.getString("failure")))
                .optional();
    }

    void saveBatchFailure(UUID job, int step, String failure) {
        jdbc.sql("""
                insert into batch_update (job_id, step, failure) values (:job, :step, :failure)
                on conflict do nothing""")
                .param("job", job).param("step", step).param("failure", truncate(failure)).update();
    }

    /** Texts of a step's net operations fitted to the word limit, by position in the batch update. */
    Map<Integer, LongTexts.Fitted> fittedTexts(UUID job, int step) {
        Map<Integer, LongTexts.Fitted> byPosition = new HashMap<>();
        jdbc.sql("select * from fitted_text where job_id = :job and step = :step").param("job", job)
                .param("step", step).query((rs, row) -> Map.entry(rs.getInt("position"),
                        new LongTexts.Fitted(rs.getString("text"), rs.getString("note"))))
                .list().forEach(e -> byPosition.put(e.getKey(), e.getValue()));
        return byPosition;
    }

    void saveFittedText(UUID job, int step, int position, LongTexts.Fitted fitted) {
        jdbc.sql("""
                insert into fitted_text (job_id, step, position, text, note)
                values (:job, :step, :position, :text, :note) on conflict do nothing""")
                .param("job", job).param("step", step).param("position", position).param("text", fitted.text())
                .param("note", fitted.note()).update();
    }

    /** What became of each operation of a committed step's batch update. */
    void saveStepOperations(UUID job, int step, TrainingStepDetail.Operations operations) {
        jdbc.sql("update training_step set operations = cast(:ops as jsonb) where job_id = :job and step = :step")
                .param("job", job).param("step", step).param("ops", json.writeValueAsString(operations)).update();
    }

    /** Empty when the step is not committed. */
    Optional<TrainingStepDetail.Operations> stepOperations(UUID job, int step) {
        return jdbc.sql("select operations from training_step where job_id = :job and step = :step")
                .param("job", job).param("step", step)
                .query((rs, row) -> Optional.ofNullable(rs.getString("operations"))).optional().map(text -> text.isEmpty() ? new TrainingStepDetail.Operations(List.of(), List.of())
                        : json.readValue(text.get(), TrainingStepDetail.Operations.class));
    }

    void saveBatchUpdate(UUID job, int step, List<Distillation.Operation> operations) {
        jdbc.sql("insert into batch_update (job_id, step, operations) values (:job, :step, cast(:ops as jsonb)) on conflict do nothing")
                .param("job", job).param("step", step).param("ops", json.writeValueAsString(operations)).update();
    }

    void saveStep(UUID job, Step s) {
        jdbc.sql("""
                insert into training_step (job_id, step, epoch, batch, base_version, library_version, problems, mean_reward,
                       groups_learned, groups_skipped, groups_failed, operations_applied, operations_rejected, tokens,
                       cost_usd, duration_ms, rollouts_failed, rollouts_truncated, distillation_failed)
                values (:job, :step, :epoch, :batch, :base, :version, :problems, :reward, :learned, :skipped, :failed,
                        :applied, :rejected, :tokens, :cost, :duration, :rolloutsFailed, :rolloutsTruncated,
                        :distillationFailed)""")
                .param("job", job).param("step", s.step()).param("epoch", s.epoch()).param("batch", s.batch())
                .param("base", s.baseVersion()).param("version", s.libraryVersion()).param("problems", s.problems())
                .param("reward", s.meanReward()).param("learned", s.groupsLearned()).param("skipped", s.groupsSkipped())
                .param("failed", s.groupsFailed()).param("applied", s.operationsApplied())
                .param("rejected", s.operationsRejected()).param("tokens", s.tokens()).param("cost", s.costUsd())
                .param("duration", s.durationMs()).param("rolloutsFailed", s.rolloutsFailed())
                .param("rolloutsTruncated", s.rolloutsTruncated())
                .param("distillationFailed", truncate(s.distillationFailed())).update();
    }

    List<Step> steps(UUID job) {
        return jdbc.sql("select * from training_step where job_id = :job order by step").param("job", job)
                .query((rs, row) -> new Step(rs.getInt("step"), rs.getInt("epoch"), rs.getInt("batch"),
                        rs.getInt("base_version"), (Integer) rs.getObject("library_version"), rs.getInt("problems"),
                        rs.getDouble("mean_reward"), rs.getInt("groups_learned"), rs.getInt("groups_skipped"),
                        rs.getInt("groups_failed"), rs.getInt("operations_applied"), rs.getInt("operations_rejected"),
                        rs.getLong("tokens"), rs.getBigDecimal("cost_usd"), rs.getLong("duration_ms"),
                        rs.getInt("rollouts_failed"), rs.getInt("rollouts_truncated"), rs.getString("distillation_failed")))
                .list();
    }

    private static Rollout rollout(ResultSet rs, int row) throws SQLException {
        return new Rollout(rs.getInt("item"), rs.getInt("sample"), rs.getString("response"), rs.getString("extracted"),
                (Double) rs.getObject("reward"), rs.getBoolean("failed"), rs.getString("error"), rs.getString("summary"),
                rs.getBoolean("truncated"));
    }

    private static String truncate(String text) {
        return text == null || text.length() <= 1000 ? text : text.substring(0, 997) + "...";
    }
}
