package io.tfgrpo.shared;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Progress of long work (a training job, an evaluation) as Server-Sent Events, polled from the database so that any
 * instance can serve it. Each stream holds a thread and a poll loop, so each is bounded here, once for all: it lives
 * at most {@code tfgrpo.streams.max-lifetime}, a key and the instance hold only so many at once (429 beyond), its
 * loop stops when the client goes away, and an error (the database down) ends it with an {@code error} event.
 */
@Component
public class ProgressStreams {

    /** What a stream follows. */
    @FunctionalInterface
    public interface Progress {

        /** Sends what is new since the last poll; true once the work is over and its last event is sent. */
        boolean poll(Events events) throws IOException;
    }

    /** Where a {@link Progress} sends its events; an {@link IOException} means the client is gone. */
    @FunctionalInterface
    public interface Events {

        void send(String name, Object data) throws IOException;
    }

    private static final Logger log = LoggerFactory.getLogger(ProgressStreams.class);

    private final StreamSettings settings;
    private final Map<String, Integer> openPerKey = new HashMap<>();
    private int open;

    ProgressStreams(StreamSettings settings) {
        this.settings = settings;
    }

    /** A stream for the caller of the current request, polled every {@code tfgrpo.streams.poll-interval}. */
    public SseEmitter open(String name, Progress progress) {
        return open(name, settings.pollInterval(), progress);
    }

    /** A stream for the caller of the current request, polled every {@code pollInterval} on its own thread. */
    SseEmitter open(String name, Duration pollInterval, Progress progress) {
        String key = CurrentCaller.key();
        reserve(key);
        try {
            // the loop ends the stream at its lifetime; the emitter's timeout is the backstop for a loop stuck in a query
            var emitter = new SseEmitter(settings.maxLifetime().plus(pollInterval).plusSeconds(10).toMillis());
            Thread.ofVirtual().name(name).start(new Stream(name, key, pollInterval, progress, emitter)::follow);
            return emitter;
        }
        catch (RuntimeException e) {
            release(key);
            throw e;
        }
    }

    /** Streams being served by this instance now. */
    public synchronized int open() {
        return open;
    }

    private synchronized void reserve(String key) {
        if (open >= settings.maxPerInstance()) {
            throw TooManyStreams.perInstance(settings.maxPerInstance());
        }
        if (openPerKey.getOrDefault(key, 0) >= settings.maxPerKey()) {
            throw TooManyStreams.perKey(settings.maxPerKey());
        }
        open++;
        openPerKey.merge(key, 1, Integer::sum);
    }

    private synchronized void release(String key) {
        open--;
        openPerKey.computeIfPresent(key, (k, count) -> count == 1 ? null : count - 1);
    }

    private final class Stream implements Events {

        private final String name;
        private final String key;
        private final Duration pollInterval;
        private final Progress progress;
        private final SseEmitter emitter;
        /** Counted down when the emitter completes, fails or times out: the client is gone, stop polling. */
        private final CountDownLatch ended = new CountDownLatch(1);
        private long lastSent;

        Stream(String name, String key, Duration pollInterval, Progress progress, SseEmitter emitter) {
            this.name = name;
            this.key = key;
            this.pollInterval = pollInterval;
            this.progress = progress;
            this.emitter = emitter;
            // as if the last event were a heartbeat ago: a first poll with no news sends one, which sends the headers
            this.lastSent = System.nanoTime() - settings.heartbeat().toNanos();
            emitter.onCompletion(ended::countDown);
            emitter.onError(error -> ended.countDown());
            emitter.onTimeout(() -> {
                ended.countDown();
                emitter.complete();
            });
        }

        void follow() {
            long deadline = System.nanoTime() + settings.maxLifetime().toNanos();
            try {
                while (ended.getCount() > 0) {
                    if (progress.poll(this)) {
                        emitter.complete();
                        return;
                    }
                    if (System.nanoTime() - deadline >= 0) {
                        send("expired", Map.of("maxLifetimeSeconds", settings.maxLifetime().toSeconds()));
                        emitter.complete();
                        return;
                    }
                    if (System.nanoTime() - lastSent >= settings.heartbeat().toNanos()) {
                        heartbeat();
                    }
                    ended.await(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
                }
            }
            catch (IOException clientGone) {
                emitter.complete();
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                emitter.complete();
            }
            catch (RuntimeException e) {
                fail(e);
            }
            finally {
                release(key);
            }
        }

        @Override
        public void send(String event, Object data) throws IOException {
            write(SseEmitter.event().name(event).data(data));
        }

        private void heartbeat() throws IOException {
            write(SseEmitter.event().comment(""));
        }

        private void write(SseEmitter.SseEventBuilder event) throws IOException {
            try {
                emitter.send(event);
                lastSent = System.nanoTime();
            }
            catch (IllegalStateException completed) {
                throw new IOException("the stream is closed already", completed);
            }
        }

        private void fail(RuntimeException error) {
            Map<String, String> problem;
            if (error instanceof ApiProblem known) {
                // the work is gone (deleted) or the like: the problem's own words are for the client
                problem = problem(known.toProblemDetail().getType(), known.getMessage());
            }
            else if (DatabaseUnavailable.causes(error)) {
                log.warn("Progress stream {} ends: the database is unavailable: {}", name, error.getMessage());
                problem = problem(ApiProblem.ProblemTypes.uri("database-unavailable"),
                        "The database is unavailable; reconnect shortly");
            }
            else {
                log.error("Progress stream {} failed", name, error);
                problem = problem(ApiProblem.ProblemTypes.forStatus(HttpStatus.INTERNAL_SERVER_ERROR),
                        "The stream failed; the error is logged");
            }
            try {
                send("error", problem);
            }
            catch (IOException clientGone) {
                // nobody left to tell
            }
            emitter.complete();
        }

        private static Map<String, String> problem(URI type, String detail) {
            return Map.of("type", type.toString(), "detail", detail);
        }
    }
}
