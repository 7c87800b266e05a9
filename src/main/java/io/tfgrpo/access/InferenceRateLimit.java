package io.tfgrpo.access;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Per-key inference rate: a token bucket per key that holds a minute's allowance and refills continuously. An
 * empty bucket answers 429 with {@code Retry-After} (whole seconds until the next request is allowed). Each
 * instance keeps its own buckets.
 */
final class InferenceRateLimit extends OncePerRequestFilter {

    private final AccessProblems problems;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    InferenceRateLimit(AccessProblems problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (AccessRules.isInference(request)
                && SecurityContextHolder.getContext().getAuthentication() instanceof ApiKeyAuthentication key
                && key.caller().requestsPerMinute() > 0) {
            Caller caller = key.caller();
            long waitNanos = buckets.computeIfAbsent(caller.bucket(), b -> new Bucket(caller.requestsPerMinute()))
                    .take(System.nanoTime());
            if (waitNanos > 0) {
                long seconds = Math.max(1, (waitNanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1));
                response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
                problems.write(request, response, HttpStatus.TOO_MANY_REQUESTS, "rate-limit-exceeded",
                        "Rate limit exceeded", "This key may make " + caller.requestsPerMinute()
                                + " inference requests per minute; retry in " + seconds + " s",
                        Map.of("requestsPerMinute", caller.requestsPerMinute(), "retryAfterSeconds", seconds));
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /** Tokens refill at perMinute/60 per second, up to perMinute. */
    static final class Bucket {

        private final double capacity;
        private final double perNano;
        private double tokens;
        private long updated;

        Bucket(int perMinute) {
            this.capacity = perMinute;
            this.perNano = perMinute / (double) TimeUnit.MINUTES.toNanos(1);
            this.tokens = perMinute;
            this.updated = System.nanoTime();
        }

        /** Takes a token: 0 if there was one, else the nanoseconds until there will be. */
        synchronized long take(long now) {
            tokens = Math.min(capacity, tokens + (now - updated) * perNano);
            updated = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) / perNano);
        }
    }
}
