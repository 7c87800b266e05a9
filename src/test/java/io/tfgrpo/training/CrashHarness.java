package io.tfgrpo.training;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import io.tfgrpo.ServiceProcess;
import io.tfgrpo.simulator.LlmSimulator;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * What the crash tests share: service instances in JVMs of their own on one embedded PostgreSQL (their own, so
 * that restarting it or killing instances touches no other test), an LLM simulator in this JVM (its journal
 * outlives the instances), and plain HTTP and SQL to watch them from outside.
 */
final class CrashHarness implements AutoCloseable {

    static final String KEY = "crash-test-bootstrap-key-0123456789abcdef";

    /** Small heap, quick start: an instance is started many times. */
    private static final List<String> JVM = List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-Xshare:auto");

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    final LlmSimulator simulator;
    private final EmbeddedPostgres owned;
    private final String databaseUrl;
    final JdbcTemplate jdbc;

    /** On a given database; closing the harness leaves it and the simulator alone. */
    CrashHarness(EmbeddedPostgres postgres, LlmSimulator simulator) {
        this(null, postgres.getJdbcUrl("postgres", "postgres"), simulator);
    }

    private CrashHarness(EmbeddedPostgres owned, String databaseUrl, LlmSimulator simulator) {
        this.owned = owned;
        this.simulator = simulator;
        this.databaseUrl = databaseUrl;
        this.jdbc = new JdbcTemplate(new SimpleDriverDataSource(new org.postgresql.Driver(), databaseUrl, "postgres",
                "postgres"));
    }

    /**
     * A new embedded PostgreSQL and a simulator answering the 20 GSM8K sample problems in {@code latencyMs}; both
     * are closed with the harness.
     */
    static CrashHarness withOwnDatabase(long latencyMs, long seed) {
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
            LlmSimulator simulator = LlmSimulator.start(LlmSimulator.Options.defaults().withPort(0)
                    .withAnswers(Path.of("samples/gsm8k-20.jsonl")).withAccuracy(0.5).withLatencyMs(latencyMs)
                    .withSeed(seed));
            return new CrashHarness(postgres, postgres.getJdbcUrl("postgres", "postgres"), simulator);
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL", e);
        }
    }

    @Override
    public void close() throws IOException {
        if (owned != null) {
            simulator.close();
            owned.close();
        }
    }

    /** An instance with the given job-engine settings ({@code --db-scheduler.*}) and any other arguments. */
    ServiceProcess start(String name, String... extra) {
        List<String> args = new ArrayList<>(List.of("--spring.datasource.url=" + databaseUrl,
                "--spring.datasource.username=postgres", "--spring.datasource.password=postgres",
                "--db-scheduler.polling-interval=200ms", "--tfgrpo.models.default.base-url=" + simulator.baseUrl(),
                "--tfgrpo.models.default.model=simulator", "--tfgrpo.models.default.max-concurrency=4",
                "--tfgrpo.llm.initial-backoff=50ms", "--tfgrpo.security.bootstrap-key=" + KEY,
                "--tfgrpo.security.inference-requests-per-minute=0"));
        args.addAll(List.of(extra));
        return ServiceProcess.start(name, JVM, args);
    }

    UUID upload(ServiceProcess instance, Path file) {
        try {
            return created(send(instance, HttpRequest.newBuilder(URI.create(instance.baseUrl() + "/api/datasets?name=crash"))
                    .header("Content-Type", "application/x-ndjson")
                    .POST(HttpRequest.BodyPublishers.ofString(Files.readString(file)))));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    UUID startJob(ServiceProcess instance, String json) {
        return created(send(instance, HttpRequest.newBuilder(URI.create(instance.baseUrl() + "/api/training-jobs"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json))));
    }

    HttpResponse<String> get(ServiceProcess instance, String path) {
        return send(instance, HttpRequest.newBuilder(URI.create(instance.baseUrl() + path)).timeout(Duration.ofSeconds(10)));
    }

    private HttpResponse<String> send(ServiceProcess instance, HttpRequest.Builder request) {
        try {
            return http.send(request.header("Authorization", "Bearer " + KEY).build(), HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException e) {
            throw new UncheckedIOException(instance.name() + " did not answer", e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static UUID created(HttpResponse<String> response) {
        if (response.statusCode() != 201 && response.statusCode() != 202) {
            throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
        }
        String location = response.headers().firstValue("Location").orElseThrow();
        return UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
    }

    /** Every result the job has stored so far: rollouts, summaries, group results, batch updates and steps. */
    long storedResults(UUID job) {
        return count("""
                select (select count(*) from rollout where job_id = ?)
                     + (select count(*) from rollout where job_id = ? and summary is not null)
                     + (select count(*) from group_result where job_id = ?)
                     + (select count(*) from batch_update where job_id = ?)
                     + (select count(*) from training_step where job_id = ?)""", job, job, job, job, job);
    }

    String status(UUID job) {
        return jdbc.queryForObject("select status from training_job where id = ?", String.class, job);
    }

    long leaseEpoch(UUID job) {
        return count("select lease_epoch from training_job where id = ?", job);
    }

    String leaseOwner(UUID job) {
        return jdbc.queryForObject("select lease_owner from training_job where id = ?", String.class, job);
    }

    boolean finished(UUID job) {
        return List.of("SUCCEEDED", "FAILED", "CANCELLED").contains(status(job));
    }

    long count(String sql, Object... args) {
        Long count = jdbc.queryForObject(sql, Long.class, args);
        return count == null ? 0 : count;
    }
}
