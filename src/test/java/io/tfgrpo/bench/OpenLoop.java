package io.tfgrpo.bench;

import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Requests at a fixed rate whatever the answers' speed (an open loop, as real traffic arrives), each timed from
 * its scheduled start, so that a slow server cannot hide its queueing (no coordinated omission).
 */
final class OpenLoop {

    private OpenLoop() {
    }

    static LatencyRecorder.Result run(String name, int perSecond, int seconds, LatencyRecorder.Call call)
            throws InterruptedException {
        int total = perSecond * seconds;
        long[] nanos = new long[total];
        AtomicInteger failures = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(total);
        long start = System.nanoTime() + 50_000_000L;
        long interval = 1_000_000_000L / perSecond;
        for (int i = 0; i < total; i++) {
            int index = i;
            long scheduled = start + i * interval;
            Thread.ofVirtual().start(() -> {
                try {
                    long wait = scheduled - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                    call.run(index);
                }
                catch (Exception e) {
                    failures.incrementAndGet();
                }
                finally {
                    nanos[index] = System.nanoTime() - scheduled;
                    done.countDown();
                }
            });
        }
        done.await(seconds + 120L, TimeUnit.SECONDS);
        double elapsed = (System.nanoTime() - start) / 1e9;
        reportSlow(name, nanos, interval);
        Arrays.sort(nanos);
        return new LatencyRecorder.Result(name, total, perSecond, elapsed, total / elapsed, p(nanos, 0.5), p(nanos, 0.9),
                p(nanos, 0.99), failures.get());
    }

    /**
     * Where in the run the requests more than 20 ms slower than the median were scheduled: one stall, or spread
     * out.
     */
    private static void reportSlow(String name, long[] nanos, long interval) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        long limit = sorted[sorted.length / 2] + 20_000_000L;
        StringBuilder slow = new StringBuilder();
        int count = 0;
        for (int i = 0; i < nanos.length; i++) {
            if (nanos[i] > limit && count++ < 12) {
                slow.append(String.format(" %.2fs:%dms", i * interval / 1e9, nanos[i] / 1_000_000));
            }
        }
        if (count > 0) {
            System.out.println(name + ": " + count + " requests over the median + 20 ms, first at (scheduled s: ms)"
                    + slow);
        }
    }

    private static double p(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }
}
