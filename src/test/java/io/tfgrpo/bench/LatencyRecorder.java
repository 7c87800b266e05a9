package io.tfgrpo.bench;

import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs a call many times from a fixed number of callers and reports throughput and latency percentiles. */
final class LatencyRecorder {

    /** What one run measured. */
    record Result(String name, int calls, int concurrency, double seconds, double callsPerSecond, double p50Ms,
            double p90Ms, double p99Ms, int failures) {

        String line() {
            return "%-8s %6d calls, %3d callers: %8.0f calls/s, p50 %.3f ms, p90 %.3f ms, p99 %.3f ms, %d failed"
                    .formatted(name, calls, concurrency, callsPerSecond, p50Ms, p90Ms, p99Ms, failures);
        }
    }

    interface Call {
        void run(int index) throws Exception;
    }

    private LatencyRecorder() {
    }

    static Result run(String name, int calls, int concurrency, Call call) throws InterruptedException {
        long[] nanos = new long[calls];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        long started = System.nanoTime();
        try (ExecutorService callers = Executors.newFixedThreadPool(concurrency)) {
            for (int c = 0; c < concurrency; c++) {
                callers.submit(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < calls) {
                        long t0 = System.nanoTime();
                        try {
                            call.run(i);
                        }
                        catch (Exception e) {
                            failures.incrementAndGet();
                        }
                        nanos[i] = System.nanoTime() - t0;
                    }
                });
            }
            callers.shutdown();
            callers.awaitTermination(1, TimeUnit.HOURS);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Arrays.sort(nanos);
        return new Result(name, calls, concurrency, seconds, calls / seconds, percentile(nanos, 0.50),
                percentile(nanos, 0.90), percentile(nanos, 0.99), failures.get());
    }

    private static double percentile(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }
}
