package io.tfgrpo.shared;

import java.time.Duration;

import org.springframework.http.HttpStatus;

/** 429: the caller's key, or this instance, already holds as many progress streams as it may. */
final class TooManyStreams extends ApiProblem {

    private TooManyStreams(String detail, int limit) {
        super(HttpStatus.TOO_MANY_REQUESTS, "too-many-streams", "Too many streams", detail);
        with("limit", limit);
        retryAfter(Duration.ofSeconds(10));
    }

    static TooManyStreams perKey(int limit) {
        return new TooManyStreams("This API key has " + limit + " progress streams open already "
                + "(tfgrpo.streams.max-per-key); close one or retry later", limit);
    }

    static TooManyStreams perInstance(int limit) {
        return new TooManyStreams("This instance serves " + limit + " progress streams already "
                + "(tfgrpo.streams.max-per-instance); retry later", limit);
    }
}
