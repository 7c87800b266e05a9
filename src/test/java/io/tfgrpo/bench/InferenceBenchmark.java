package io.tfgrpo.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import io.tfgrpo.simulator.LlmSimulator;

/**
 * What serving a library adds to a model call: the same chat requests sent straight to the simulator (zero
 * latency, the prior already in the system message) and to the service's {@code /v1/chat/completions} (which
 * resolves the library, applies the prior, calls the simulator, records the call in the ledger and answers).
 * The service runs in a JVM of its own, as in production; the load generator and the simulator share this one.
 * First at a fixed rate (open loop), then as fast as possible (closed loop) for throughput; each run also says
 * how much CPU each process used per request. With {@code --cpus split} the service and PostgreSQL get CPU 1 and
 * the load generator and the simulator CPU 0, as if they ran on machines of their own; by default all share all.
 */
public final class InferenceBenchmark {

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Args.parse(args, Map.of("rate", "500", "seconds", "20", "concurrency", "32",
                "closed-seconds", "10", "heap", "512m", "warm-up-calls", "10000", "cpus", "shared"));
        int rate = Integer.parseInt(options.get("rate"));
        int seconds = Integer.parseInt(options.get("seconds"));
        int concurrency = Integer.parseInt(options.get("concurrency"));
        int closedCalls = Integer.parseInt(options.get("closed-seconds")) * 1000;
        boolean split = switch (options.get("cpus")) {
            case "shared" -> false;
            case "split" -> true;
            default -> throw new IllegalArgumentException("--cpus is shared or split");
        };
        if (split) {
            // the load generator and the simulator on CPU 0, the service and PostgreSQL on CPU 1
            BenchService.pin("0", ProcessHandle.current().pid());
        }
        String heap = options.get("heap");
        try (LlmSimulator simulator = LlmSimulator.start(LlmSimulator.Options.defaults().withPort(0));
                BenchService service = BenchService.start("inference-benchmark", simulator, split ? "1" : null,
                        List.of("-XX:+UseG1GC", "-Xms" + heap, "-Xmx" + heap))) {
            service.createLibrary("bench");
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            URI direct = URI.create(simulator.baseUrl() + "/chat/completions");
            URI through = URI.create(service.baseUrl() + "/v1/chat/completions");
            LatencyRecorder.Call toService = i -> post(http, through, "{\"model\":\"bench\",\"seed\":" + i
                    + ",\"messages\":[{\"role\":\"user\",\"content\":\"" + question(i) + "\"}]}");
            // the direct requests carry the very system message the service sends
            toService.run(0);
            String prior = simulator.journal().recent().getLast().messages().getFirst().content()
                    .replace("\\", "\\\\").replace("\n", "\\n").replace("\"", "\\\"");
            LatencyRecorder.Call toSimulator = i -> post(http, direct, "{\"model\":\"simulator\",\"seed\":" + i
                    + ",\"messages\":[{\"role\":\"system\",\"content\":\"" + prior + "\"},{\"role\":\"user\",\"content\":\""
                    + question(i) + "\"}]}");

            warmUp(service, Integer.parseInt(options.get("warm-up-calls")), concurrency, toSimulator, toService);
            Measured directRate = measure(service, () -> OpenLoop.run("direct", rate, seconds, toSimulator));
            Measured serviceRate = measure(service, () -> OpenLoop.run("service", rate, seconds, toService));
            System.out.println("open loop at " + rate + " requests/s for " + seconds + " s:");
            directRate.print(false);
            serviceRate.print(true);
            System.out.printf("  added p50 %.3f ms, added p99 %.3f ms%n",
                    serviceRate.result().p50Ms() - directRate.result().p50Ms(),
                    serviceRate.result().p99Ms() - directRate.result().p99Ms());
            Measured directMax = measure(service,
                    () -> LatencyRecorder.run("direct", closedCalls, concurrency, toSimulator));
            Measured serviceMax = measure(service,
                    () -> LatencyRecorder.run("service", closedCalls, concurrency, toService));
            System.out.println("closed loop, " + concurrency + " callers:");
            directMax.print(false);
            serviceMax.print(true);
            System.out.printf("  service throughput %.0f%% of direct%n",
                    100 * serviceMax.result().callsPerSecond() / directMax.result().callsPerSecond());
            service.terminate();
        }
    }

    /** A run's figures with the CPU each process used and the service's busiest threads. */
    private record Measured(LatencyRecorder.Result result, BenchService.Cpu cpu, String threads) {

        void print(boolean withThreads) {
            System.out.println("  " + result.line());
            System.out.println("    " + cpu.perRequest(result.calls()));
            if (withThreads) {
                System.out.println("    " + threads);
            }
        }
    }

    private static Measured measure(BenchService service, java.util.concurrent.Callable<LatencyRecorder.Result> run)
            throws Exception {
        var cpu = service.cpu();
        var threads = service.threadCpu();
        LatencyRecorder.Result result = run.call();
        return new Measured(result, service.cpu().minus(cpu),
                BenchService.busiestThreads(threads, service.threadCpu(), result.calls()));
    }

    /**
     * Rounds of {@code calls} requests each way until the JIT compilers of the service and of this JVM are quiet
     * (under 2% of the round's time, or 20 rounds): a large Spring application keeps compiling for minutes, and
     * what is measured is the steady state.
     */
    private static void warmUp(BenchService service, int calls, int concurrency, LatencyRecorder.Call toSimulator,
            LatencyRecorder.Call toService) throws Exception {
        var compiler = java.lang.management.ManagementFactory.getCompilationMXBean();
        for (int round = 1; round <= 20; round++) {
            long started = System.nanoTime();
            long ownBefore = compiler.getTotalCompilationTime();
            double serviceBefore = compilerSeconds(service.threadCpu());
            LatencyRecorder.run("warm-up", calls, concurrency, toSimulator);
            LatencyRecorder.run("warm-up", calls, concurrency, toService);
            double seconds = (System.nanoTime() - started) / 1e9;
            double serviceShare = (compilerSeconds(service.threadCpu()) - serviceBefore) / seconds;
            double ownShare = (compiler.getTotalCompilationTime() - ownBefore) / 1000.0 / seconds;
            System.out.printf("warm-up round %d: %.1f s, JIT compilers busy %.0f%% (service), %.0f%% (this JVM)%n",
                    round, seconds, 100 * serviceShare, 100 * ownShare);
            if (serviceShare < 0.02 && ownShare < 0.02) {
                return;
            }
        }
    }

    private static double compilerSeconds(Map<String, Double> threads) {
        return threads.entrySet().stream().filter(e -> e.getKey().contains("CompilerThre"))
                .mapToDouble(Map.Entry::getValue).sum();
    }

    private static void post(HttpClient http, URI url, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(url).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + BenchService.KEY)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + response.statusCode());
        }
    }

    private static String question(int i) {
        return "A shirt costs " + (20 + i % 50) + " dollars after a 20% discount. What was the price before?";
    }
}
