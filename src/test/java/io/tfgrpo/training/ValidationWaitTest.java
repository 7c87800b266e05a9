package io.tfgrpo.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import io.tfgrpo.runs.RunStatus;

/**
 * A job waiting for its validation evaluation holds none of the engine's threads: with more validating jobs than
 * threads, the evaluations they wait for still run, and every job ends with its decision. The engine of this test
 * keeps its executions in a table of its own, so that the engines of other test contexts, still running in the same
 * JVM, can neither lend it threads nor hand it their work.
 */
@TestPropertySource(properties = { "db-scheduler.threads=2", "db-scheduler.table-name=" + ValidationWaitTest.TABLE })
class ValidationWaitTest extends TrainingTest {

    static final String TABLE = "scheduled_tasks_two_threads";

    @TestConfiguration(proxyBeanMethods = false)
    static class OwnTable {

        /** Created while the context starts; the engine starts polling once it has. */
        @Bean
        InitializingBean twoThreadTable(JdbcTemplate jdbc) {
            return () -> jdbc.execute("""
                    create table if not exists %s (
                        task_name text not null, task_instance text not null, task_data bytea,
                        execution_time timestamp with time zone, picked boolean not null, picked_by text,
                        last_success timestamp with time zone, last_failure timestamp with time zone,
                        consecutive_failures int, last_heartbeat timestamp with time zone, version bigint not null,
                        priority smallint, state text, primary key (task_name, task_instance))""".formatted(TABLE));
        }
    }

    @Autowired
    JobStore jobs;

    @Test
    void moreValidatingJobsThanEngineThreadsAllFinish() {
        UUID dataset = upload("samples/gsm8k-20.jsonl");
        List<UUID> started = IntStream.range(0, 4).mapToObj(i -> startedJob(Map.of("datasetId", dataset, "library",
                library("wait"), "rolloutModel", "sim", "distillModel", "sim", "groupSize", 2, "epochs", 1,
                "validation", Map.of("datasetId", dataset, "k", 2, "minImprovement", -1)))).toList();

        await().atMost(Duration.ofSeconds(180)).until(() -> started.stream()
                .allMatch(id -> jobs.find(id).orElseThrow().status().finished()));
        for (UUID id : started) {
            JobStore.Job job = jobs.find(id).orElseThrow();
            assertThat(job.status()).as("job %s: %s", id, job.error()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(job.promotion().reason()).startsWith("promoted version 1 vs version 0: ");
            assertThat(job.validationEvaluation()).isNotNull();
        }
    }
}
