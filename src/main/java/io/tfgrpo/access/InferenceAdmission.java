package io.tfgrpo.access;

import java.io.IOException;
import java.util.Map;
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

/**
 * Overload protection: at most {@code limit} inference requests in progress on this instance (a stream counts
 * until it ends). One more is refused at once with 503 {@code overloaded} and {@code Retry-After: 1} rather than
 * queued: on virtual threads nothing else bounds the requests in progress, and a backlog that outgrows the CPU
 * would grow until the heap is gone. It runs after authentication, authorisation and the key's rate limit, so a
 * request with a junk key, without the scope or over its rate holds no slot; a refusal still costs no database
 * query on a warm instance.
 */
final class InferenceAdmission extends OncePerRequestFilter {

    private final Semaphore permits;
    private final int limit;
    private final AccessProblems problems;

    InferenceAdmission(int limit, AccessProblems problems) {
        this.permits = new Semaphore(limit);
        this.limit = limit;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!AccessRules.isInference(request)) {
            chain.doFilter(request, response);
            return;
        }
        if (!permits.tryAcquire()) {
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
