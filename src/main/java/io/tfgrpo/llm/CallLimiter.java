package io.tfgrpo.llm;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Bounds one profile's calls: at most {@code maxConcurrency} in flight (a fair semaphore, so waiting callers are
 * served in order) and, if set, at most {@code requestsPerMinute} started per minute, evenly spaced.
 */
final class CallLimiter {

    private final Semaphore inFlight;
    private final long spacingNanos;
    private final ReentrantLock pacing = new ReentrantLock(true);
    private long nextStartNanos = System.nanoTime();

    CallLimiter(int maxConcurrency, Integer requestsPerMinute) {
        this.inFlight = new Semaphore(maxConcurrency, true);
        this.spacingNanos = requestsPerMinute == null ? 0 : Duration.ofMinutes(1).toNanos() / requestsPerMinute;
    }

    /** Waits for a slot; the caller must {@link #release()} it when the attempt is over. */
    void acquire() throws InterruptedException {
        inFlight.acquire();
        try {
            awaitPace();
        }
        catch (InterruptedException e) {
            inFlight.release();
            throw e;
        }
    }

    void release() {
        inFlight.release();
    }

    int available() {
        return inFlight.availablePermits();
    }

    private void awaitPace() throws InterruptedException {
        if (spacingNanos == 0) {
            return;
        }
        long start;
        pacing.lock();
        try {
            long now = System.nanoTime();
            start = Math.max(now, nextStartNanos);
            nextStartNanos = start + spacingNanos;
        }
        finally {
            pacing.unlock();
        }
        long wait = start - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(Duration.ofNanos(wait));
        }
    }
}
