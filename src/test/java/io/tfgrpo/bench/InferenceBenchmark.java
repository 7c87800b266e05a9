package io.tfgrpo.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import io.tfgrpo.TestDatabase;
import io.tfgrpo.TrainingFreeGrpoApplication;
import io.tfgrpo.library.CreateLibrary;
import io.tfgrpo.library.EditLibrary;
import io.tfgrpo.library.ExperienceOperation;
import io.tfgrpo.library.ExperiencePrior;
import io.tfgrpo.library.Libraries;
import io.tfgrpo.library.LibraryVersions;
import io.tfgrpo.simulator.LlmSimulator;

/**
 * What serving a library adds to a model call: the same chat requests sent straight to the simulator (zero
 * latency, the prior already in the system message) and to the service's {@code /v1/chat/completions} (which
 * resolves the library, applies the prior, calls the simulator through the gateway and records the call).
 * First at a fixed rate (open loop), then as fast as possible (closed loop) for throughput.
 */
public final class InferenceBenchmark {

    /** The bootstrap key of the service under test (sent to the simulator too, as any OpenAI client would). */
    private static final String KEY = "benchmark-bootstrap-key-0123456789";

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Args.parse(args, Map.of("rate", "500", "seconds", "20", "concurrency", "32",
                "closed-seconds", "10"));
        int rate = Integer.parseInt(options.get("rate"));
        int seconds = Integer.parseInt(options.get("seconds"));
        int concurrency = Integer.parseInt(options.get("concurrency"));
        int closedCalls = Integer.parseInt(options.get("closed-seconds")) * 1000;
        try (LlmSimulator simulator = LlmSimulator.start(LlmSimulator.Options.defaults().withPort(0));
                ConfigurableApplicationContext app = start(simulator)) {
            String port = app.getEnvironment().getProperty("local.server.port");
            app.getBean(Libraries.class).create(new CreateLibrary("bench", null));
            var version = app.getBean(LibraryVersions.class).edit("bench", new EditLibrary(0, List.of(
                    ExperienceOperation.add("When a percentage changes a price, apply it to the original price."),
                    ExperienceOperation.add("Check that the final number answers the question asked."),
                    ExperienceOperation.add("Convert all quantities to one unit before adding them.")), "bench", true));
            String prior = ExperiencePrior.render(version.experiences()).replace("\n", "\\n").replace("\"", "\\\"");
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            URI direct = URI.create(simulator.baseUrl() + "/chat/completions");
            URI service = URI.create("http://127.0.0.1:" + port + "/v1/chat/completions");
            LatencyRecorder.Call toSimulator = i -> post(http, direct, "{\"model\":\"simulator\",\"seed\":" + i
                    + ",\"messages\":[{\"role\":\"system\",\"content\":\"" + prior + "\"},{\"role\":\"user\",\"content\":\""
                    + question(i) + "\"}]}");
            LatencyRecorder.Call toService = i -> post(http, service, "{\"model\":\"bench\",\"seed\":" + i
                    + ",\"messages\":[{\"role\":\"user\",\"content\":\"" + question(i) + "\"}]}");

            LatencyRecorder.run("warm-up", 5000, concurrency, toSimulator);
            LatencyRecorder.run("warm-up", 5000, concurrency, toService);
            var directRate = OpenLoop.run("direct", rate, seconds, toSimulator);
            var serviceRate = OpenLoop.run("service", rate, seconds, toService);
            System.out.println("open loop at " + rate + " requests/s for " + seconds + " s:");
            System.out.println("  " + directRate.line());
            System.out.println("  " + serviceRate.line());
            System.out.printf("  added p50 %.3f ms, added p99 %.3f ms%n", serviceRate.p50Ms() - directRate.p50Ms(),
                    serviceRate.p99Ms() - directRate.p99Ms());
            var directMax = LatencyRecorder.run("direct", closedCalls, concurrency, toSimulator);
            var serviceMax = LatencyRecorder.run("service", closedCalls, concurrency, toService);
            System.out.println("closed loop, " + concurrency + " callers:");
            System.out.println("  " + directMax.line());
            System.out.println("  " + serviceMax.line());
            System.out.printf("  service throughput %.0f%% of direct%n",
                    100 * serviceMax.callsPerSecond() / directMax.callsPerSecond());
        }
    }

    private static void post(HttpClient http, URI url, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(url).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + KEY)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + response.statusCode());
        }
    }

    private static String question(int i) {
        return "A shirt costs " + (20 + i % 50) + " dollars after a 20% discount. What was the price before?";
    }

    private static ConfigurableApplicationContext start(LlmSimulator simulator) {
        return SpringApplication.from(TrainingFreeGrpoApplication::main).with(TestDatabase.class).run(
                "--server.port=0", "--logging.level.root=WARN", "--tfgrpo.models.default.base-url=" + simulator.baseUrl(),
                "--tfgrpo.models.default.model=simulator", "--tfgrpo.models.default.synthetic=true",
                "--tfgrpo.models.default.max-concurrency=256",
                "--tfgrpo.security.bootstrap-key=" + KEY, "--tfgrpo.security.inference-requests-per-minute=0", "--spring.datasource.hikari.maximum-pool-size=40")
                .getApplicationContext();
    }
}
