package io.tfgrpo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sandbox ({@code ./mvnw spring-boot:test-run}) as a new user meets it, in a JVM of its own: a busy port ends
 * it at once with one line saying how to choose another; a start ends with its banner; Swagger UI loads without a
 * stack trace in the log; and SIGTERM with a training job running stops it in seconds and a few lines, the job
 * handed back rather than failed and the database stopped after everything that uses it.
 */
class SandboxTest {

    private static final List<String> JVM = List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-Xshare:auto");
    private static final String BEARER = "Bearer " + TestApplication.SANDBOX_KEY;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void aBusyPortEndsItAtOnceSayingHowToChooseAnother() throws IOException {
        try (ServerSocket taken = new ServerSocket(0);
                ServiceProcess sandbox = ServiceProcess.sandbox("sandbox-busy-port", taken.getLocalPort(), JVM)) {
            assertThat(sandbox.exitsWithin(Duration.ofSeconds(15)))
                    .as("exited; see target/service-sandbox-busy-port.log").isTrue();
            assertThat(sandbox.exitCode()).isNotZero();
            assertThat(sandbox.output()).singleElement().asString().matches("Port " + taken.getLocalPort()
                    + " is in use .*: \\./mvnw spring-boot:test-run"
                    + " -Dspring-boot\\.run\\.arguments=--server\\.port=\\d+");
        }
    }

    @Test
    void itStartsWithItsBannerLastAndStopsInSecondsWithAJobRunning() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        try (ServiceProcess sandbox = ServiceProcess.sandbox("sandbox-sigterm", port, JVM)) {
            sandbox.awaitHealthy(Duration.ofMinutes(3));
            await().atMost(Duration.ofSeconds(30)).until(() -> sandbox.output().stream()
                    .anyMatch(line -> line.contains("The sandbox is ready: http://localhost:" + port)));
            List<String> started = sandbox.output();
            int banner = started.indexOf(started.stream().filter(line -> line.contains("io.tfgrpo.SandboxBanner"))
                    .findFirst().orElseThrow());
            assertThat(started.subList(banner + 1, started.size())).as("the banner is the last thing printed")
                    .noneMatch(line -> line.matches("\\d{4}-\\d\\d-\\d\\dT.*"));
            assertThat(String.join("\n", started)).contains("API key (every scope): " + TestApplication.SANDBOX_KEY)
                    .contains("its answers are SYNTHETIC").doesNotContain("initdb");

            assertThat(get(sandbox, "/swagger-ui/index.html").statusCode()).isEqualTo(200);
            assertThat(get(sandbox, "/v3/api-docs").statusCode()).isEqualTo(200);
            assertThat(sandbox.output().subList(started.size(), sandbox.output().size()))
                    .as("loading Swagger UI logs no stack trace").noneMatch(line -> line.contains("Exception"));

            String dataset = send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/api/datasets?name=gsm8k"))
                    .header("Content-Type", "application/x-ndjson")
                    .POST(HttpRequest.BodyPublishers.ofFile(Path.of("samples/gsm8k-100.jsonl"))))
                    .get("id").stringValue();
            String job = send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/api/training-jobs"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("""
                            {"datasetId": "%s", "library": "sigterm", "groupSize": 4, "epochs": 3, "batchSize": 10}"""
                            .formatted(dataset)))).get("id").stringValue();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                JsonNode view = send(HttpRequest.newBuilder(
                        URI.create(sandbox.baseUrl() + "/api/training-jobs/" + job)));
                return view.get("status").stringValue().equals("RUNNING") && view.get("tokens").asLong() > 0;
            });

            int before = sandbox.output().size();
            long signalled = System.nanoTime();
            sandbox.terminate(Duration.ofSeconds(15));
            long stoppedMs = (System.nanoTime() - signalled) / 1_000_000;
            List<String> after = sandbox.output().subList(before, sandbox.output().size());
            System.out.printf("SandboxTest: SIGTERM with a job running: exited after %d ms, %d lines%n", stoppedMs,
                    after.size());
            assertThat(after).as("the job is handed back, not failed")
                    .anyMatch(line -> line.contains("Training job " + job + " stops on this instance"))
                    .noneMatch(line -> line.contains("Failed to rollback"))
                    .noneMatch(line -> line.contains(" ERROR "))
                    .hasSizeLessThan(25);
        }
    }

    private HttpResponse<String> get(ServiceProcess sandbox, String path) {
        return exchange(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path)));
    }

    private JsonNode send(HttpRequest.Builder request) {
        HttpResponse<String> response = exchange(request.header("Authorization", BEARER));
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
        return json.readTree(response.body());
    }

    private HttpResponse<String> exchange(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
