package io.tfgrpo.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import io.tfgrpo.ServiceProcess;
import io.tfgrpo.simulator.LlmSimulator;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The service as the benchmarks measure it: in a JVM of its own (so its heap, RSS and CPU are its own) on an
 * embedded PostgreSQL, its default profile pointing at the simulator. Reads the CPU time the service, PostgreSQL
 * and this JVM (load generator and simulator) have used, so a benchmark can say where each request's CPU went.
 */
final class BenchService implements AutoCloseable {

    static final String KEY = "benchmark-bootstrap-key-0123456789";

    /** CPU seconds used so far by the service, PostgreSQL (every process of its server) and this JVM. */
    record Cpu(double service, double postgres, double bench) {

        Cpu minus(Cpu before) {
            return new Cpu(service - before.service, postgres - before.postgres, bench - before.bench);
        }

        /** Milliseconds of CPU per request, when {@code requests} were served. */
        String perRequest(int requests) {
            return "CPU ms per request: service %.3f, PostgreSQL %.3f, load generator and simulator %.3f".formatted(
                    service * 1000 / requests, postgres * 1000 / requests, bench * 1000 / requests);
        }
    }

    private final EmbeddedPostgres postgres;
    private final ServiceProcess service;
    private final long postmaster;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private BenchService(EmbeddedPostgres postgres, ServiceProcess service, long postmaster) {
        this.postgres = postgres;
        this.service = service;
        this.postmaster = postmaster;
    }

    /**
     * Starts PostgreSQL and the service (JVM options from {@code jvmOptions} and the environment variable
     * {@code BENCH_SERVICE_JVM}, further Spring Boot arguments from {@code BENCH_SERVICE_ARGS}, each split at
     * spaces) and waits until it is healthy.
     */
    static BenchService start(String name, LlmSimulator simulator, List<String> jvmOptions, String... extraArgs)
            throws IOException, SQLException {
        return start(name, simulator, null, jvmOptions, extraArgs);
    }

    /**
     * As above; with {@code cpus} (a {@code taskset} CPU list, or null for no pinning) the service and PostgreSQL
     * run on those CPUs only.
     */
    static BenchService start(String name, LlmSimulator simulator, String cpus, List<String> jvmOptions,
            String... extraArgs) throws IOException, SQLException {
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
        List<String> options = new ArrayList<>(jvmOptions);
        String extra = System.getenv().getOrDefault("BENCH_SERVICE_JVM", "");
        if (!extra.isBlank()) {
            options.addAll(List.of(extra.trim().split("\\s+")));
        }
        List<String> args = new ArrayList<>(List.of("--logging.level.root=WARN",
                "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                "--spring.datasource.username=postgres", "--spring.datasource.password=postgres",
                "--tfgrpo.models.default.base-url=" + simulator.baseUrl(), "--tfgrpo.models.default.model=simulator",
                "--tfgrpo.models.default.synthetic=true", "--tfgrpo.models.default.max-concurrency=256",
                "--tfgrpo.security.bootstrap-key=" + KEY, "--tfgrpo.security.inference-requests-per-minute=0"));
        args.addAll(List.of(extraArgs));
        String extraServiceArgs = System.getenv().getOrDefault("BENCH_SERVICE_ARGS", "");
        if (!extraServiceArgs.isBlank()) {
            args.addAll(List.of(extraServiceArgs.trim().split("\\s+")));
        }
        try {
            long postmaster = postmaster(postgres);
            if (cpus != null) {
                // the server's processes now, and the backends it forks for the service's connections later
                pin(cpus, postmaster);
                for (long child : children(postmaster)) {
                    pin(cpus, child);
                }
            }
            ServiceProcess service = ServiceProcess.start(name,
                    cpus == null ? List.of() : List.of("taskset", "-c", cpus), options, args);
            try {
                service.awaitHealthy(Duration.ofMinutes(2));
                return new BenchService(postgres, service, postmaster);
            }
            catch (RuntimeException e) {
                service.close();
                throw e;
            }
        }
        catch (RuntimeException | IOException | SQLException e) {
            postgres.close();
            throw e;
        }
    }

    private static long postmaster(EmbeddedPostgres postgres) throws IOException, SQLException {
        try (var connection = postgres.getPostgresDatabase().getConnection();
                var result = connection.createStatement().executeQuery("show data_directory")) {
            result.next();
            return Long.parseLong(Files.readAllLines(Path.of(result.getString(1), "postmaster.pid")).getFirst().strip());
        }
    }

    String baseUrl() {
        return service.baseUrl();
    }

    long pid() {
        return service.pid();
    }

    /** POSTs JSON with the bootstrap key; anything but 2xx is an error. */
    void send(String path, String json) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + KEY)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(path + ": HTTP " + response.statusCode() + " " + response.body());
        }
    }

    /** Creates library {@code name} with three experiences as its current version. */
    void createLibrary(String name) throws IOException, InterruptedException {
        send("/api/libraries", "{\"name\":\"" + name + "\"}");
        send("/api/libraries/" + name + "/versions", """
                {"baseVersion": 0, "promote": true, "operations": [
                 {"op": "ADD", "text": "When a percentage changes a price, apply it to the original price."},
                 {"op": "ADD", "text": "Check that the final number answers the question asked."},
                 {"op": "ADD", "text": "Convert all quantities to one unit before adding them."}]}""");
    }

    Cpu cpu() throws IOException {
        double postgresSeconds = cpuSeconds(postmaster);
        for (long child : children(postmaster)) {
            String[] stat = stat(child);
            postgresSeconds += stat == null ? 0 : seconds(stat);
        }
        return new Cpu(cpuSeconds(service.pid()), postgresSeconds, cpuSeconds(ProcessHandle.current().pid()));
    }

    /**
     * The service's CPU seconds so far by thread name (digits dropped, so a pool's threads add up), from
     * /proc/pid/task: native threads (GC, JIT compilers) included, which a Java profiler does not see.
     */
    Map<String, Double> threadCpu() throws IOException {
        Map<String, Double> byName = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(service.pid()), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("\\d+", "#");
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    byName.merge(name, seconds(fields), Double::sum);
                }
                catch (IOException gone) {
                    // the thread ended
                }
            }
        }
        return byName;
    }

    /** The threads that used the most CPU between two {@link #threadCpu()} readings, per request served. */
    static String busiestThreads(Map<String, Double> before, Map<String, Double> after, int requests) {
        return after.entrySet().stream().map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0.0)))
                .filter(e -> e.getValue() > 0).sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(8)
                .map(e -> "%s %.3f".formatted(e.getKey(), e.getValue() * 1000 / requests))
                .collect(java.util.stream.Collectors.joining(", ", "service CPU ms per request by thread: ", ""));
    }

    /** Moves every thread of process {@code pid} to the CPUs in {@code cpus} (a {@code taskset} list). */
    static void pin(String cpus, long pid) throws IOException {
        try {
            Process taskset = new ProcessBuilder("taskset", "-a", "-p", "-c", cpus, Long.toString(pid))
                    .redirectErrorStream(true).start();
            String output = new String(taskset.getInputStream().readAllBytes());
            if (taskset.waitFor() != 0) {
                throw new IOException("taskset failed for " + pid + ": " + output);
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while pinning " + pid, e);
        }
    }

    private static List<Long> children(long parent) throws IOException {
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            return processes.map(p -> p.getFileName().toString()).filter(name -> name.matches("\\d+"))
                    .map(Long::parseLong).filter(pid -> {
                        String[] stat = stat(pid);
                        return stat != null && Long.parseLong(stat[1]) == parent;
                    }).toList();
        }
    }

    /** A process's CPU time so far (user and system), from /proc: ticks of 1/100 s. */
    static double cpuSeconds(long pid) throws IOException {
        String[] stat = stat(pid);
        if (stat == null) {
            throw new IOException("no process " + pid);
        }
        return seconds(stat);
    }

    /** The fields of /proc/pid/stat after the command name (state first), or null if the process has gone. */
    private static String[] stat(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        }
        catch (IOException gone) {
            return null;
        }
    }

    private static double seconds(String[] stat) {
        return (Long.parseLong(stat[11]) + Long.parseLong(stat[12])) / 100.0;
    }

    void terminate() {
        service.terminate(Duration.ofSeconds(30));
    }

    @Override
    public void close() throws IOException {
        try {
            service.close();
        }
        finally {
            postgres.close();
        }
    }
}
