package io.tfgrpo;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.awaitility.core.ConditionTimeoutException;

/**
 * The service in a JVM of its own, as it runs in production: crash tests kill it with SIGKILL or stop it with
 * SIGTERM, and benchmarks read its heap and RSS. It runs {@link TrainingFreeGrpoApplication} (or the sandbox) with
 * this JVM's classpath; its output goes to a log file under {@code target/}. Every child still alive when this JVM
 * exits is killed, so a failed test leaves no process behind.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly)));
    }

    private final String name;
    private final int port;
    private final Path log;
    private final Process process;

    private ServiceProcess(String name, int port, Path log, Process process) {
        this.name = name;
        this.port = port;
        this.log = log;
        this.process = process;
    }

    /**
     * Starts an instance on a free port. {@code args} are Spring Boot arguments ({@code --name=value}); the
     * instance's job-engine name is {@code name}, so the database shows which instance holds a job.
     */
    public static ServiceProcess start(String name, List<String> jvmOptions, List<String> args) {
        return start(name, List.of(), jvmOptions, args);
    }

    /** As above, the JVM started through {@code launcher} (say {@code taskset -c 1}, to give it a CPU of its own). */
    public static ServiceProcess start(String name, List<String> launcher, List<String> jvmOptions, List<String> args) {
        return start(name, launcher, jvmOptions, TrainingFreeGrpoApplication.class, args, Set.of());
    }

    /**
     * The sandbox as {@code ./mvnw spring-boot:test-run} starts it ({@link TestApplication}): an embedded
     * PostgreSQL of its own, the LLM simulator as the {@code default} model and the sandbox key. This JVM's
     * database, model and key variables are not passed on, so it shares no database (and so no job engine) with
     * the test contexts of this JVM.
     */
    public static ServiceProcess sandbox(String name, List<String> jvmOptions, List<String> args) {
        return start(name, List.of(), jvmOptions, TestApplication.class, args, Set.of("TEST_DATABASE_URL",
                "OPENAI_BASE_URL", "OPENAI_API_KEY", "TFGRPO_BOOTSTRAP_KEY"));
    }

    private static ServiceProcess start(String name, List<String> launcher, List<String> jvmOptions, Class<?> main,
            List<String> args, Set<String> unsetVariables) {
        int port = freePort();
        List<String> all = new ArrayList<>(List.of("--server.port=" + port, "--db-scheduler.scheduler-name=" + name));
        all.addAll(args);
        return launch(name, port, launcher, jvmOptions, main, all, env -> env.keySet().removeAll(unsetVariables));
    }

    /**
     * The sandbox ({@link TestApplication}) on {@code port}, as a new user starts it: no model and no database
     * configured, so it runs the LLM simulator and a database of its own.
     */
    public static ServiceProcess sandbox(String name, int port, List<String> jvmOptions) {
        return launch(name, port, List.of(), jvmOptions, TestApplication.class, List.of("--server.port=" + port),
                env -> List.of("OPENAI_BASE_URL", "OPENAI_API_KEY", "TFGRPO_BOOTSTRAP_KEY", "TEST_DATABASE_URL")
                        .forEach(env::remove));
    }

    private static ServiceProcess launch(String name, int port, List<String> launcher, List<String> jvmOptions,
            Class<?> main, List<String> args, Consumer<Map<String, String>> environment) {
        Path log = Path.of("target", "service-" + name + ".log");
        List<String> command = new ArrayList<>(launcher);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(args);
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            environment.accept(builder.environment());
            Process process = builder.start();
            LIVE.add(process);
            return new ServiceProcess(name, port, log, process);
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Whether it exited within {@code timeout}; a process still running is left alone. */
    public boolean exitsWithin(Duration timeout) {
        try {
            boolean exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (exited) {
                LIVE.remove(process);
            }
            return exited;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + name, e);
        }
    }

    public int exitCode() {
        return process.exitValue();
    }

    /** Everything it has printed so far, one line each. */
    public List<String> output() {
        try {
            return Files.readAllLines(log);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the instance answers its health check; fails early (naming the log) if it exits. */
    public ServiceProcess awaitHealthy(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
                .timeout(Duration.ofSeconds(2)).build();
        try {
            await().atMost(timeout).pollInterval(Duration.ofMillis(100)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
                }
                try {
                    return http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                }
                catch (IOException notYet) {
                    return false; // not listening yet
                }
            });
        }
        catch (ConditionTimeoutException e) {
            throw new IllegalStateException(name + " was not healthy within " + timeout + "; see " + log, e);
        }
        return this;
    }

    /** {@code kill -9}: the instance gets no chance to do anything. */
    public void kill() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
    }

    /** SIGTERM: the instance shuts down gracefully (it has {@code server.shutdown=graceful}). */
    public void terminate(Duration timeout) {
        process.destroy();
        awaitExit(timeout);
    }

    private void awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new IllegalStateException(name + " did not exit within " + timeout + "; see " + log);
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping " + name, e);
        }
        finally {
            LIVE.remove(process);
        }
    }

    /**
     * SIGTERM, then {@code kill -9} if it has not exited within 30 s: an instance that exits on its own closes what it
     * started (a sandbox's embedded PostgreSQL), which {@code kill -9} would leave running after the tests.
     */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
            finally {
                LIVE.remove(process);
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
