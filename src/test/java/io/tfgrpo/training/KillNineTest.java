package io.tfgrpo.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.tfgrpo.ServiceProcess;
import io.tfgrpo.simulator.LlmSimulator;

/**
 * {@code kill -9} of the service during a training job, ten times in a row at random points (the seed is printed;
 * {@code -Dchaos.seed=} replays a run, {@code -Dchaos.kills=} changes the count). Each time a new instance is
 * started; it revives the job once the dead one's heartbeats have stopped for the window, and resumes from what
 * was stored. The job must complete with contiguous versions, every step committed once, and no call repeated
 * whose result had been stored: the simulator (in this JVM, so its journal outlives the instances) records every
 * repeated request, and each must have been under way when an instance died.
 */
class KillNineTest {

    private static final int GROUP = 4;
    private static final int BATCH = 10;
    private static final int STEPS = 6; // 20 problems in batches of 10, 3 epochs
    private static final long JOB_SEED = 5;
    /** A fast job engine, so ten rounds fit in the suite: heartbeats every second, dead after four missed. */
    private static final String[] ENGINE = { "--db-scheduler.heartbeat-interval=1s",
            "--db-scheduler.missed-heartbeats-limit=4" };

    static CrashHarness harness;

    @BeforeAll
    static void start() {
        harness = CrashHarness.withOwnDatabase(50, 21);
    }

    @AfterAll
    static void stop() throws IOException {
        harness.close();
    }

    @Test
    void aTrainingJobCompletesThroughTenKillNinesAtRandomPoints() {
        long seed = Long.getLong("chaos.seed", System.nanoTime());
        int kills = Integer.getInteger("chaos.kills", 10);
        System.out.println("KillNineTest: seed " + seed + " (-Dchaos.seed=" + seed + " replays the kill points)");
        Random random = new Random(seed);

        ServiceProcess instance = harness.start("crash-0", ENGINE).awaitHealthy(Duration.ofMinutes(2));
        UUID dataset = harness.upload(instance, Path.of("samples/gsm8k-20.jsonl"));
        UUID job = harness.startJob(instance, """
                {"datasetId": "%s", "library": "crash", "groupSize": %d, "epochs": 3, "batchSize": %d, "seed": %d}"""
                .formatted(dataset, GROUP, BATCH, JOB_SEED));

        List<Long> killedAt = new ArrayList<>();
        List<Long> resumedAfterMs = new ArrayList<>();
        List<Long> storedAtKill = new ArrayList<>();
        try {
            for (int k = 1; k <= kills; k++) {
                long epoch = k;
                // the k-th instance holds the k-th lease
                await().atMost(Duration.ofSeconds(90)).until(() -> harness.leaseEpoch(job) >= epoch);
                if (!killedAt.isEmpty()) {
                    resumedAfterMs.add(System.currentTimeMillis() - killedAt.getLast());
                }
                // a random point: after 1 to 40 more stored results (rollouts, summaries, groups, updates, steps)
                long target = harness.storedResults(job) + 1 + random.nextInt(40);
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10))
                        .until(() -> harness.storedResults(job) >= target || harness.finished(job));
                assertThat(harness.finished(job)).as("the job is still running at kill %d", k).isFalse();
                instance.kill();
                killedAt.add(System.currentTimeMillis());
                storedAtKill.add(harness.storedResults(job));
                instance = harness.start("crash-" + k, ENGINE);
            }
            await().atMost(Duration.ofSeconds(90)).until(() -> harness.leaseEpoch(job) > kills);
            resumedAfterMs.add(System.currentTimeMillis() - killedAt.getLast());
            await().atMost(Duration.ofMinutes(3)).until(() -> harness.finished(job));
        }
        finally {
            instance.close();
        }
        System.out.printf("KillNineTest: %d kills at %s stored results; each resumed %s ms after its kill "
                + "(start of a new JVM included)%n", kills, storedAtKill, resumedAfterMs);

        assertThat(harness.status(job)).isEqualTo("SUCCEEDED");
        assertThat(harness.leaseEpoch(job)).as("claimed once per instance").isEqualTo(kills + 1L);
        assertThat(harness.jdbc.queryForList("select step from training_step where job_id = ? order by step",
                Integer.class, job)).as("every step committed once").containsExactlyElementsOf(range(STEPS));
        List<Integer> versions = harness.jdbc.queryForList("select v.version from library_version v join library l "
                + "on l.id = v.library_id where l.name = 'crash' order by v.version", Integer.class);
        assertThat(versions).as("contiguous versions").containsExactlyElementsOf(range(versions.size()));
        assertThat(harness.count("select count(*) - count(distinct step) from library_version where job_id = ?", job))
                .as("no step made two versions").isZero();
        assertThat(harness.count("select count(*) from rollout where job_id = ?", job)).isEqualTo(STEPS * BATCH * GROUP);

        noStoredCallRepeated(job, killedAt);
    }

    /**
     * Every repeated request must have been made first to an instance that was killed before the repeat, shortly
     * before the kill (it was in flight, or its answer not yet stored); a repeated rollout's row must have been
     * written after the repeat, i.e. it was not stored when the repeat was made.
     */
    private void noStoredCallRepeated(UUID job, List<Long> killedAt) {
        Map<Integer, Long> rolloutStoredAt = new HashMap<>();
        harness.jdbc.query("select step, item, sample, created_at from rollout where job_id = ?", row -> {
            int callSeed = StepRunner.callSeed(JOB_SEED, row.getInt(1), row.getInt(2), row.getInt(3));
            Timestamp created = row.getTimestamp(4);
            assertThat(rolloutStoredAt.put(callSeed, created.getTime())).as("distinct rollout seeds").isNull();
        }, job);
        LlmSimulator.Journal journal = harness.simulator.journal();
        System.out.printf("KillNineTest: %d calls, %d repeated (calls under way at a kill)%n", journal.calls(),
                journal.repeats().size());
        assertThat(journal.repeats()).as("at most the calls in flight (4) at each kill")
                .hasSizeLessThanOrEqualTo(4 * killedAt.size());
        for (LlmSimulator.Journal.Repeat repeat : journal.repeats()) {
            assertThat(killedAt).as("a kill between the first request and its repeat: %s", repeat)
                    .anySatisfy(kill -> assertThat(kill).isBetween(repeat.firstReceivedAt(), repeat.receivedAt())
                            .isLessThan(repeat.firstReceivedAt() + 5_000));
            if (repeat.purpose().equals("rollout")) {
                Long storedAt = rolloutStoredAt.get(repeat.seed().intValue());
                assertThat(storedAt).as("the repeated rollout was stored after the repeat: %s", repeat).isNotNull()
                        .isGreaterThanOrEqualTo(repeat.receivedAt());
            }
        }
        long rolloutRepeats = journal.repeats().stream().filter(r -> r.purpose().equals("rollout")).count();
        assertThat(journal.purpose("rollout")).as("each rollout asked for once, but for the repeats")
                .isEqualTo(STEPS * BATCH * GROUP + rolloutRepeats);
    }

    private static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().toList();
    }
}
