package io.tfgrpo.access;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import io.tfgrpo.shared.CurrentCaller;

/**
 * Overload protection: at most {@code limit} inference requests in progress on this instance (a stream counts
 * until it ends). One more is refused at once with 503 {@code overloaded} and {@code Retry-After: 1} rather than
 * queued: on virtual threads nothing else bounds the requests in progress, and a backlog that outgrows the CPU
 * would grow until the heap is gone. It runs after authentication, authorisation and the key's rate limit, so a
 * request with a junk key, without the scope or over its rate holds no slot; a refusal still costs no database
 * query on a warm instance. One key holds at most {@code perKey} of them: a single client whose requests are slow
 * (slow bodies, long streams) gets 429 {@code too-many-concurrent-requests} for one more, and cannot take every
 * slot from the others.
 */
final class InferenceAdmission extends OncePerRequestFilter {

    private final Semaphore permits;
    private final int limit;
    private final int perKey;
    private final Map<String, Integer> byKey = new ConcurrentHashMap<>();
    private final AccessProblems problems;

    InferenceAdmission(int limit, int perKey, AccessProblems problems) {
        this.permits = new Semaphore(limit);
        this.limit = limit;
        this.perKey = perKey;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!AccessRules.isInference(request)) {
            chain.doFilter(request, response);
            return;
        }
        String key = CurrentCaller.key();
        if (!takeForKey(key)) {
            response.setHeader(HttpHeaders.RETRY_AFTER, "1");
            problems.write(request, response, HttpStatus.TOO_MANY_REQUESTS, "too-many-concurrent-requests",
                    "Too many concurrent requests", "This key has " + perKey + " inference requests in progress "
                            + "already, the most one key may have; retry in 1 s",
                    Map.of("maxConcurrentInferencePerKey", perKey));
            return;
        }
        if (!permits.tryAcquire()) {
            giveBackForKey(key);
            response.setHeader(HttpHeaders.RETRY_AFTER, "1");
            problems.write(request, response, HttpStatus.SERVICE_UNAVAILABLE, "overloaded", "Overloaded",
                    "This instance is serving " + limit + " inference requests already; retry in 1 s",
                    Map.of("maxConcurrentInference", limit));
            return;
        }
        AtomicBoolean released = new AtomicBoolean();
        Runnable release = () -> {
            if (released.compareAndSet(false, true)) {
                permits.release();
                giveBackForKey(key);
            }
        };
        try {
            chain.doFilter(request, response);
        }
        finally {
            if (request.isAsyncStarted()) {
                request.getAsyncContext().addListener(new ReleaseOnEnd(release));
            }
            else {
                release.run();
            }
        }
    }

    /** One more request in progress for the key, unless it has {@code perKey} already. */
    private boolean takeForKey(String key) {
        boolean[] taken = { false };
        byKey.compute(key, (k, held) -> {
            int now = held == null ? 0 : held;
            if (now >= perKey) {
                return held;
            }
            taken[0] = true;
            return now + 1;
        });
        return taken[0];
    }

    /** The key's request ended; a key with none in progress leaves the map. */
    private void giveBackForKey(String key) {
        byKey.computeIfPresent(key, (k, held) -> held <= 1 ? null : held - 1);
    }

    /** Requests in progress now; for tests and meters. */
    int inProgress() {
        return limit - permits.availablePermits();
    }

    private record ReleaseOnEnd(Runnable release) implements AsyncListener {

        @Override
        public void onComplete(AsyncEvent event) {
            release.run();
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            release.run();
        }

        @Override
        public void onError(AsyncEvent event) {
            release.run();
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            // the same request goes on asynchronously: its permit is still held
        }
    }
}
