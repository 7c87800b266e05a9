package io.tfgrpo.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.tfgrpo.ServiceProcess;

/**
 * Two instances in JVMs of their own on one database, with the job engine's production settings (heartbeat 2 s,
 * dead after 4 missed). One is stopped with SIGTERM in the middle of its jobs: each step it was running is
 * either committed or left whole, and the other instance takes the jobs at once. A restarted instance then sees
 * the other one killed with {@code kill -9} and takes its jobs within the heartbeat window. Every job completes
 * with each step committed once.
 */
class HandOverTest {

    private static final int JOBS = 4;
    private static final int STEPS = 4; // 20 problems in batches of 10, 2 epochs
    /** heartbeat × missed heartbeats (8 s) + one look for dead executions (4 s) + polling and slack */
    private static final Duration HEARTBEAT_WINDOW = Duration.ofSeconds(16);

    static CrashHarness harness;

    @BeforeAll
    static void start() {
        harness = CrashHarness.withOwnDatabase(150, 31);
    }

    @AfterAll
    static void stop() throws IOException {
        harness.close();
    }

    @Test
    void sigtermHandsJobsOverAtOnceAndKillNineWithinTheHeartbeatWindow() {
        ServiceProcess a = harness.start("instance-a");
        ServiceProcess b = harness.start("instance-b");
        ServiceProcess restarted = null;
        List<UUID> jobs = new ArrayList<>();
        try {
            a.awaitHealthy(Duration.ofMinutes(2));
            b.awaitHealthy(Duration.ofMinutes(2));
            UUID dataset = harness.upload(a, Path.of("samples/gsm8k-20.jsonl"));
            for (int i = 0; i < JOBS; i++) {
                jobs.add(harness.startJob(i % 2 == 0 ? a : b, """
                        {"datasetId": "%s", "library": "handover-%d", "groupSize": 4, "epochs": 2, "batchSize": 10}"""
                        .formatted(dataset, i)));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> holding(jobs, "instance-a").size() >= 1
                    && holding(jobs, "instance-b").size() >= 1
                    && jobs.stream().allMatch(job -> harness.count("select count(*) from rollout where job_id = ?", job) > 4));

            // SIGTERM: the instance stops its jobs between calls and exits; the other takes them at once
            List<UUID> fromA = holding(jobs, "instance-a");
            long terminating = System.nanoTime();
            a.terminate(Duration.ofSeconds(60));
            long exitedMs = millisSince(terminating);
            for (UUID job : fromA) {
                assertThat(harness.count("select next_step from training_job where id = ?", job))
                        .as("a step is committed whole or not at all").isEqualTo(
                                harness.count("select count(*) from training_step where job_id = ?", job));
            }
            long exited = System.nanoTime();
            await().atMost(Duration.ofSeconds(5)).until(() -> fromA.stream()
                    .allMatch(job -> harness.leaseOwner(job).equals("instance-b") || harness.finished(job)));
            long sigtermHandOverMs = millisSince(exited);

            // kill -9: the restarted instance takes the other's jobs once its heartbeats have stopped long enough
            restarted = harness.start("instance-a2").awaitHealthy(Duration.ofMinutes(2));
            List<UUID> fromB = holding(jobs, "instance-b");
            assertThat(fromB).as("jobs running on the instance to be killed").isNotEmpty();
            b.kill();
            long killed = System.nanoTime();
            await().atMost(HEARTBEAT_WINDOW).until(() -> fromB.stream()
                    .allMatch(job -> harness.leaseOwner(job).equals("instance-a2") || harness.finished(job)));
            long killHandOverMs = millisSince(killed);
            System.out.printf("HandOverTest: SIGTERM: exited after %d ms, its %d jobs taken %d ms later; kill -9: "
                    + "its %d jobs taken %d ms after the kill%n", exitedMs, fromA.size(), sigtermHandOverMs,
                    fromB.size(), killHandOverMs);

            await().atMost(Duration.ofMinutes(3)).until(() -> jobs.stream().allMatch(harness::finished));
        }
        finally {
            a.close();
            b.close();
            if (restarted != null) {
                restarted.close();
            }
        }
        for (UUID job : jobs) {
            assertThat(harness.status(job)).isEqualTo("SUCCEEDED");
            assertThat(harness.jdbc.queryForList("select step from training_step where job_id = ? order by step",
                    Integer.class, job)).containsExactlyElementsOf(IntStream.range(0, STEPS).boxed().toList());
            assertThat(harness.count("select count(*) - count(distinct step) from library_version where job_id = ?",
                    job)).as("no step made two versions").isZero();
            assertThat(harness.count("select count(*) from rollout where job_id = ?", job)).isEqualTo(STEPS * 10 * 4);
        }
    }

    private static List<UUID> holding(List<UUID> jobs, String instance) {
        return jobs.stream().filter(job -> "RUNNING".equals(harness.status(job))
                && instance.equals(harness.leaseOwner(job))).toList();
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
