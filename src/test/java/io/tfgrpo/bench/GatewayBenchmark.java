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
import io.tfgrpo.llm.ChatCall;
import io.tfgrpo.llm.ChatMessage;
import io.tfgrpo.llm.LlmGateway;
import io.tfgrpo.llm.Purpose;
import io.tfgrpo.simulator.LlmSimulator;

/**
 * The gateway's own cost per call: the same chat calls sent straight to the simulator (zero latency) with the
 * JDK's HTTP client, and through the gateway (Spring AI and the OpenAI SDK, the profile's limiter, retries,
 * the ledger insert and the metrics). Both at the same concurrency, alternating, after a warm-up of each.
 */
public final class GatewayBenchmark {

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Args.parse(args, Map.of("calls", "20000", "concurrency", "16", "warmup", "3000"));
        int calls = Integer.parseInt(options.get("calls"));
        int concurrency = Integer.parseInt(options.get("concurrency"));
        int warmup = Integer.parseInt(options.get("warmup"));

        try (LlmSimulator simulator = LlmSimulator.start(LlmSimulator.Options.defaults().withPort(0));
                ConfigurableApplicationContext app = start(simulator, concurrency)) {
            LlmGateway gateway = app.getBean(LlmGateway.class);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            URI url = URI.create(simulator.baseUrl() + "/chat/completions");

            LatencyRecorder.Call direct = i -> {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(url)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"simulator\",\"seed\":" + i
                                + ",\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt(i) + "\"}]}"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("HTTP " + response.statusCode());
                }
            };
            LatencyRecorder.Call viaGateway = i -> gateway.chat(ChatCall.of("bench", Purpose.INFERENCE,
                    List.of(ChatMessage.user(prompt(i)))).withSeed(i).ownedBy("benchmark"));

            LatencyRecorder.run("warm-up", warmup, concurrency, direct);
            LatencyRecorder.run("warm-up", warmup, concurrency, viaGateway);
            for (int round = 1; round <= 2; round++) {
                LatencyRecorder.Result d = LatencyRecorder.run("direct", calls, concurrency, direct);
                LatencyRecorder.Result g = LatencyRecorder.run("gateway", calls, concurrency, viaGateway);
                System.out.println("round " + round);
                System.out.println("  " + d.line());
                System.out.println("  " + g.line());
                System.out.printf("  added p50 %.3f ms, added p99 %.3f ms, gateway throughput %.0f%% of direct%n",
                        g.p50Ms() - d.p50Ms(), g.p99Ms() - d.p99Ms(), 100 * g.callsPerSecond() / d.callsPerSecond());
            }
        }
    }

    private static String prompt(int i) {
        return "What is " + i + " plus " + (i % 97) + "? Answer briefly.";
    }

    private static ConfigurableApplicationContext start(LlmSimulator simulator, int concurrency) {
        return SpringApplication.from(TrainingFreeGrpoApplication::main).with(TestDatabase.class).run(
                "--spring.main.web-application-type=none", "--logging.level.root=WARN",
                "--tfgrpo.models.bench.provider=openai", "--tfgrpo.models.bench.base-url=" + simulator.baseUrl(),
                "--tfgrpo.models.bench.model=simulator", "--tfgrpo.models.bench.synthetic=true",
                "--tfgrpo.models.bench.max-concurrency=" + concurrency,
                "--spring.datasource.hikari.maximum-pool-size=" + Math.max(10, concurrency))
                .getApplicationContext();
    }
}
