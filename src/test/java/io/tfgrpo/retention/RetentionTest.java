package io.tfgrpo.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.tfgrpo.HttpTest;

/**
 * Old ledger rows, served answers and rollouts go; recent ones and whatever unfinished work still reads stay. The
 * rows are written with old timestamps; a clean-up with batches of 2 shows that a run goes on batch after batch.
 */
class RetentionTest extends HttpTest {

    @Autowired
    JdbcClient jdbcClient;

    @Autowired
    RetentionSettings defaults;

    private final String owner = "retention-" + UUID.randomUUID();
    private UUID dataset;
    private UUID finishedJob;
    private UUID runningJob;

    @BeforeEach
    void jobs() {
        dataset = UUID.randomUUID();
        jdbc.update("insert into dataset (id, name) values (?, 'retention')", dataset);
        finishedJob = job("SUCCEEDED");
        runningJob = job("RUNNING");
    }

    @AfterEach
    void cleanUp() {
        jdbc.update("delete from llm_call where owner like ?", owner + "%");
        jdbc.update("delete from llm_call where owner in (?, ?)", finishedJob.toString(), runningJob.toString());
        jdbc.update("delete from training_job where dataset_id = ?", dataset);
        jdbc.update("delete from dataset where id = ?", dataset);
    }

    @Test
    void deletesWhatIsOlderThanItsAgeInBatches() {
        ledger("ROLLOUT", owner + "-training-100d", 100);
        ledger("JUDGE", owner + "-training-100d", 95);
        ledger("ROLLOUT", owner + "-training-60d", 60);
        ledger("INFERENCE", owner + "-served-60d", 60);
        ledger("INFERENCE", owner + "-served-31d", 31);
        ledger("INFERENCE", owner + "-served-10d", 10);
        ledger("ROLLOUT", runningJob.toString(), 100);
        for (int item = 0; item < 5; item++) {
            rollout(finishedJob, item, 200);
            rollout(runningJob, item, 200);
        }
        rollout(finishedJob, 5, 10);

        new Retention(jdbcClient, new RetentionSettings(defaults.llmCalls(), defaults.servedAnswers(),
                defaults.rollouts(), 2, defaults.interval())).run();

        assertThat(owners()).containsExactlyInAnyOrder(owner + "-training-60d", owner + "-served-10d",
                runningJob.toString());
        assertThat(count("select count(*) from rollout where job_id = ?", finishedJob)).as("the recent rollout")
                .isEqualTo(1);
        assertThat(count("select count(*) from rollout where job_id = ?", runningJob)).as("a running job's")
                .isEqualTo(5);
    }

    @Test
    void anAgeOfZeroKeepsForever() {
        ledger("ROLLOUT", owner + "-training-100d", 100);
        ledger("INFERENCE", owner + "-served-60d", 60);
        rollout(finishedJob, 0, 200);
        RetentionSettings keepAll = new Binder(new MapConfigurationPropertySource(Map.of(
                "tfgrpo.retention.llm-calls", "0", "tfgrpo.retention.served-answers", "0s",
                "tfgrpo.retention.rollouts", "0d"))).bindOrCreate("tfgrpo.retention", RetentionSettings.class);

        assertThat(new Retention(jdbcClient, keepAll).run()).isEqualTo(new Retention.Deleted(0, 0, 0));
        assertThat(owners()).hasSize(2);
        assertThat(count("select count(*) from rollout where job_id = ?", finishedJob)).isEqualTo(1);
        assertThat(count("select count(*) from scheduled_tasks where task_name = 'retention'"))
                .as("the clean-up is one recurring task, whichever instances run").isEqualTo(1);
        assertThat(defaults.llmCalls()).isEqualTo(Duration.ofDays(90));
        assertThat(defaults.servedAnswers()).isEqualTo(Duration.ofDays(30));
        assertThat(defaults.rollouts()).isEqualTo(Duration.ofDays(180));
    }

    private List<String> owners() {
        return jdbc.queryForList("select owner from llm_call where owner like ? or owner = ?", String.class,
                owner + "%", runningJob.toString());
    }

    private UUID job(String status) {
        UUID id = UUID.randomUUID();
        jdbc.update("""
                insert into training_job (id, status, config, dataset_id, library, start_version, epochs, steps_per_epoch,
                                          created_at)
                values (?, ?, cast(? as jsonb), ?, 'retention', 0, 1, 1, now() - interval '400 days')""", id, status, """
                {"datasetId": "%s", "library": "retention", "rolloutModel": "default", "distillModel": "default",
                 "groupSize": 2, "epochs": 1, "batchSize": 1, "rolloutTemperature": 0.7, "distillTemperature": 0.0,
                 "verifier": {"type": "math"}, "groundTruthFree": false, "experiencesPerGroup": 2, "seed": 1,
                 "promptOverrides": {}}""".formatted(dataset), dataset);
        return id;
    }

    private void ledger(String purpose, String owner, int daysAgo) {
        jdbc.update("""
                insert into llm_call (created_at, profile, model, purpose, owner, latency_ms, attempts, outcome)
                values (now() - make_interval(days => ?), 'default', 'm', ?, ?, 1, 1, 'OK')""", daysAgo, purpose, owner);
    }

    private void rollout(UUID job, int item, int daysAgo) {
        jdbc.update("""
                insert into rollout (job_id, step, item, sample, response, created_at)
                values (?, 0, ?, 0, 'an answer', now() - make_interval(days => ?))""", job, item, daysAgo);
    }
}
