package io.tfgrpo.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

import io.tfgrpo.ServiceProcess;
import io.tfgrpo.simulator.LlmSimulator;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * PostgreSQL stopped for longer than the job engine's heartbeat window in the middle of a training job, then
 * started again on the same data: the job pauses and completes, with each step committed once; while the
 * database is down, reads answer 503 {@code database-unavailable} (not 500, and within the connection timeout);
 * once it is back, reads answer 200 again and keep doing so.
 */
class DatabaseRestartTest {

    private static final int STEPS = 4; // 20 problems in batches of 10, 2 epochs

    static Path data;
    static int port;
    static EmbeddedPostgres postgres;
    static LlmSimulator simulator;

    @BeforeAll
    static void start() throws IOException {
        data = Files.createTempDirectory("tfgrpo-restart-pg");
        postgres = database();
        port = postgres.getPort();
        simulator = LlmSimulator.start(LlmSimulator.Options.defaults().withPort(0)
                .withAnswers(Path.of("samples/gsm8k-20.jsonl")).withAccuracy(0.5).withLatencyMs(100).withSeed(41));
    }

    @AfterAll
    static void stop() throws IOException {
        simulator.close();
        postgres.close();
        FileSystemUtils.deleteRecursively(data);
    }

    private static EmbeddedPostgres database() throws IOException {
        var builder = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false);
        return (port == 0 ? builder : builder.setPort(port)).start();
    }

    @Test
    void aJobPausesWhileTheDatabaseIsDownAndCompletes() throws IOException {
        CrashHarness harness = new CrashHarness(postgres, simulator);
        try (ServiceProcess instance = harness.start("restart-a").awaitHealthy(Duration.ofMinutes(2))) {
            UUID dataset = harness.upload(instance, Path.of("samples/gsm8k-20.jsonl"));
            UUID job = harness.startJob(instance, """
                    {"datasetId": "%s", "library": "restart", "groupSize": 4, "epochs": 2, "batchSize": 10}"""
                    .formatted(dataset));
            String read = "/api/training-jobs/" + job;
            await().atMost(Duration.ofSeconds(60)).until(() -> harness.count(
                    "select count(*) from rollout where job_id = ?", job) > 15);

            postgres.close();
            long down = System.nanoTime();
            List<Integer> whileDown = new ArrayList<>();
            // reads while the database is down: each answers (503) within the 5 s connection timeout
            while (System.nanoTime() - down < Duration.ofSeconds(10).toNanos()) {
                long asked = System.nanoTime();
                HttpResponse<String> response = harness.get(instance, read);
                whileDown.add(response.statusCode());
                assertThat(Duration.ofNanos(System.nanoTime() - asked)).isLessThan(Duration.ofSeconds(7));
                if (response.statusCode() == 503) {
                    assertThat(response.body()).contains("urn:tfgrpo:problem:database-unavailable");
                    assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
                }
            }
            assertThat(whileDown).as("reads while the database is down").isNotEmpty().allMatch(status -> status == 503);

            postgres = database();
            long up = System.nanoTime();
            await().atMost(Duration.ofSeconds(30)).until(() -> harness.get(instance, read).statusCode() == 200);
            long readableAfterMs = (System.nanoTime() - up) / 1_000_000;
            List<Integer> afterwards = IntStream.range(0, 50).mapToObj(i -> harness.get(instance, read).statusCode())
                    .toList();
            assertThat(afterwards).as("no 5xx once the database is back").allMatch(status -> status == 200);

            await().atMost(Duration.ofMinutes(2)).until(() -> harness.finished(job));
            long doneAfterMs = (System.nanoTime() - up) / 1_000_000;
            System.out.printf("DatabaseRestartTest: %d reads while down, all 503; reads answered 200 %d ms after "
                    + "the database was back; the job finished %d ms after%n", whileDown.size(), readableAfterMs,
                    doneAfterMs);
            assertThat(harness.status(job)).isEqualTo("SUCCEEDED");
            assertThat(harness.jdbc.queryForList("select step from training_step where job_id = ? order by step",
                    Integer.class, job)).containsExactlyElementsOf(IntStream.range(0, STEPS).boxed().toList());
            assertThat(harness.count("select count(*) from rollout where job_id = ?", job)).isEqualTo(STEPS * 10 * 4);
        }
    }
}
