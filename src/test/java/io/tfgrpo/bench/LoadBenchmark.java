package io.tfgrpo.bench;

import java.io.IOException;
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
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.tfgrpo.simulator.LlmSimulator;

/**
 * The inference endpoint under a fixed request rate for a minute: the service runs in its own JVM (as in
 * production, so its heap and RSS are its own) against an embedded PostgreSQL and the LLM simulator. After a
 * warm-up, the minute is run as four windows; after each, a full GC is asked for (jcmd) and the live heap and the
 * RSS are read, so growth after warm-up shows. Reports rate, p50/p99, status codes, heap and RSS.
 */
public final class LoadBenchmark {

    private static final Pattern HEAP_USED = Pattern.compile("garbage-first heap[^\\n]*?used (\\d+)K");

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Args.parse(args, Map.of("rate", "250", "seconds", "60", "warmup-seconds", "20",
                "latency-ms", "20", "heap", "512m"));
        int rate = Integer.parseInt(options.get("rate"));
        int seconds = Integer.parseInt(options.get("seconds"));
        int windows = 4;
        try (LlmSimulator simulator = LlmSimulator.start(LlmSimulator.Options.defaults().withPort(0)
                        .withLatencyMs(Long.parseLong(options.get("latency-ms"))));
                BenchService service = BenchService.start("load-benchmark", simulator,
                        List.of("-Xms" + options.get("heap"), "-Xmx" + options.get("heap")))) {
            run(service, rate, seconds, windows, Integer.parseInt(options.get("warmup-seconds")));
            service.terminate();
        }
    }

    private static void run(BenchService service, int rate, int seconds, int windows, int warmupSeconds)
            throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        service.createLibrary("load");
        URI completions = URI.create(service.baseUrl() + "/v1/chat/completions");
        Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        LatencyRecorder.Call call = i -> {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(completions)
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + BenchService.KEY)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"load\",\"seed\":" + i
                            + ",\"messages\":[{\"role\":\"user\",\"content\":\"What is " + i + " + 17?\"}]}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            statuses.computeIfAbsent(response.statusCode(), s -> new LongAdder()).increment();
        };

        System.out.printf("warm-up: %d s at %d requests/s%n", warmupSeconds, rate);
        OpenLoop.run("warm-up", rate, warmupSeconds, call);
        statuses.clear();
        long pid = service.pid();
        System.out.printf("after warm-up: live heap %d MB, RSS %d MB%n", liveHeapMb(pid), rssMb(pid));
        List<String> rows = new ArrayList<>();
        double totalRate = 0;
        for (int w = 1; w <= windows; w++) {
            double cpuBefore = BenchService.cpuSeconds(pid);
            LatencyRecorder.Result result = OpenLoop.run("window " + w, rate, seconds / windows, call);
            double cpuMsPerRequest = (BenchService.cpuSeconds(pid) - cpuBefore) * 1000 / result.calls();
            long heap = liveHeapMb(pid);
            long rss = rssMb(pid);
            totalRate += result.callsPerSecond() / windows;
            rows.add(String.format("| %d | %.0f | %.1f | %.1f | %d | %.2f | %d | %d |", w, result.callsPerSecond(),
                    result.p50Ms(), result.p99Ms(), result.failures(), cpuMsPerRequest, heap, rss));
        }
        System.out.printf("%n%d s at %d requests/s to /v1/chat/completions (simulator latency included)%n", seconds,
                rate);
        System.out.println("| window | requests/s | p50 ms | p99 ms | client errors | service CPU ms per request "
                + "| live heap after GC MB | RSS MB |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        rows.forEach(System.out::println);
        System.out.printf("achieved %.0f requests/s; status codes: %s%n", totalRate, new TreeMap<>(statuses));
        long serverErrors = statuses.entrySet().stream().filter(e -> e.getKey() >= 500)
                .mapToLong(e -> e.getValue().sum()).sum();
        System.out.println(serverErrors == 0 ? "no 5xx" : serverErrors + " responses were 5xx");
    }

    /** The heap in use right after a full GC, in MB: what the service really holds. */
    private static long liveHeapMb(long pid) throws Exception {
        jcmd(pid, "GC.run");
        Matcher matcher = HEAP_USED.matcher(jcmd(pid, "GC.heap_info"));
        if (!matcher.find()) {
            throw new IllegalStateException("unexpected jcmd GC.heap_info output");
        }
        return Long.parseLong(matcher.group(1)) / 1024;
    }

    private static String jcmd(long pid, String command) throws Exception {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid), command).redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes());
        jcmd.waitFor();
        return output;
    }

    private static long rssMb(long pid) throws IOException {
        return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                .filter(line -> line.startsWith("VmRSS:")).findFirst()
                .map(line -> Long.parseLong(line.replaceAll("\\D", "")) / 1024).orElse(-1L);
    }
}
