package io.tfgrpo.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import io.tfgrpo.TestDatabase;
import io.tfgrpo.TrainingFreeGrpoApplication;
import io.tfgrpo.runs.RunStatus;

/**
 * Two instances of the service on one database: jobs submitted to either run exactly once, and the jobs of an
 * instance that stops mid-run are finished by the other.
 */
class TwoInstancesTest extends TrainingTest {

    @Autowired
    JobStore jobs;

    @Test
    void jobsRunExactlyOnceAndAStoppingInstanceHandsItsJobsOver() {
        UUID[] handedOver;
        try (ConfigurableApplicationContext other = secondInstance()) {
            RestTestClient otherHttp = client(other.getEnvironment().getProperty("local.server.port"))
                    .defaultHeader("Authorization", BEARER).build();
            UUID dataset = upload("samples/gsm8k-20.jsonl");

            List<UUID> quick = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                RestTestClient client = i % 2 == 0 ? http : otherHttp;
                quick.add(submit(client, Map.of("datasetId", dataset, "library", library("two"), "rolloutModel", "sim",
                        "distillModel", "sim", "groupSize", 2, "epochs", 1, "batchSize", 5)));
            }
            await().atMost(Duration.ofSeconds(90)).until(() -> quick.stream()
                    .allMatch(id -> jobs.find(id).orElseThrow().status().finished()));
            for (UUID id : quick) {
                JobStore.Job job = jobs.find(id).orElseThrow();
                assertThat(job.status()).isEqualTo(RunStatus.SUCCEEDED);
                assertThat(job.leaseEpoch()).as("claimed once").isEqualTo(1);
                assertThat(count("select count(*) from training_step where job_id = ?", id)).isEqualTo(4);
                assertThat(count("select count(*) from llm_call where owner = ? and purpose = 'ROLLOUT'", id.toString()))
                        .as("no rollout asked for twice").isEqualTo(20 * 2);
                List<Integer> versions = jdbc.queryForList("select v.version from library_version v join library l "
                        + "on l.id = v.library_id where l.name = ? order by v.version", Integer.class, job.library());
                assertThat(versions).as("contiguous versions").containsExactlyElementsOf(
                        java.util.stream.IntStream.range(0, versions.size()).boxed().toList());
            }
            assertThat(jdbc.queryForList("select distinct lease_owner from training_job where id in (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    String.class, quick.toArray())).as("both instances ran jobs").hasSize(2);

            // slower jobs that the other instance takes, then it stops in the middle of them
            List<UUID> slow = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                slow.add(submit(otherHttp, Map.of("datasetId", dataset, "library", library("handover"),
                        "rolloutModel", "slow", "distillModel", "slow", "groupSize", 4, "epochs", 2)));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> slow.stream().allMatch(id ->
                    count("select count(*) from rollout where job_id = ?", id) > 4));
            // read before the stop: a stopping instance gives its jobs back at once, and the other may claim them
            // before this thread could look
            handedOver = jdbc.queryForList("select id from training_job where status = 'RUNNING' and "
                    + "lease_owner like 'instance-b%'", UUID.class).toArray(UUID[]::new);
            assertThat(handedOver).as("jobs the stopping instance is running").isNotEmpty();
            other.close();
        }
        long stoppedAt = System.nanoTime();
        // the first instance finishes every job, resuming each from what was stored
        await().atMost(Duration.ofSeconds(10)).until(() -> java.util.Arrays.stream(handedOver)
                .allMatch(id -> jobs.find(id).orElseThrow().leaseEpoch() == 2));
        long takenOverMs = (System.nanoTime() - stoppedAt) / 1_000_000;
        System.out.println("handed over " + handedOver.length + " jobs " + takenOverMs + " ms after the instance stopped");
        await().atMost(Duration.ofSeconds(120)).until(() -> java.util.Arrays.stream(handedOver)
                .allMatch(id -> jobs.find(id).orElseThrow().status().finished()));
        for (UUID id : handedOver) {
            JobStore.Job job = jobs.find(id).orElseThrow();
            assertThat(job.status()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(job.leaseEpoch()).as("taken over once").isEqualTo(2);
            assertThat(count("select count(*) from training_step where job_id = ?", id)).isEqualTo(2);
        }
    }

    private UUID submit(RestTestClient client, Map<String, Object> body) {
        String location = client.post().uri("/api/training-jobs").contentType(MediaType.APPLICATION_JSON).body(body)
                .exchange().expectStatus().isAccepted().returnResult(String.class).getResponseHeaders().getLocation()
                .toString();
        return UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
    }

    private static ConfigurableApplicationContext secondInstance() {
        return SpringApplication.from(TrainingFreeGrpoApplication::main).with(TestDatabase.class).run(
                "--server.port=0", "--logging.level.root=WARN", "--db-scheduler.scheduler-name=instance-b",
                "--db-scheduler.polling-interval=200ms", "--db-scheduler.immediate-execution-enabled=true",
                "--tfgrpo.models.sim.provider=openai", "--tfgrpo.models.sim.base-url=" + simulator.baseUrl(),
                "--tfgrpo.models.sim.model=simulator", "--tfgrpo.models.sim.max-concurrency=4",
                "--tfgrpo.models.slow.provider=openai", "--tfgrpo.models.slow.base-url=" + slowSimulator.baseUrl(),
                "--tfgrpo.models.slow.model=simulator", "--tfgrpo.models.slow.max-concurrency=4",
                "--tfgrpo.llm.initial-backoff=50ms", "--tfgrpo.security.bootstrap-key=" + KEY).getApplicationContext();
    }
}
