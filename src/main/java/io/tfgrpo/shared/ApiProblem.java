package io.tfgrpo.shared;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * A failure that the API reports to its caller as an RFC 9457 problem. Subclasses name the domain failure and
 * offer static factories; the {@link ProblemDetailsAdvice} renders them.
 */
public abstract class ApiProblem extends RuntimeException {

    private final HttpStatus status;
    private final String type;
    private final String title;
    private final Map<String, Object> properties = new LinkedHashMap<>();
    private Duration retryAfter;

    protected ApiProblem(HttpStatus status, String type, String title, String detail) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
    }

    protected final void with(String name, Object value) {
        properties.put(name, value);
    }

    /** Tells the client, in a {@code Retry-After} header, when trying again may succeed. */
    protected final void retryAfter(Duration wait) {
        this.retryAfter = wait;
    }

    /** The {@code Retry-After} header's value in seconds, when the problem passes. */
    public Optional<String> retryAfterSeconds() {
        return Optional.ofNullable(retryAfter).map(wait -> String.valueOf(Math.max(1, wait.toSeconds())));
    }

    public HttpStatus status() {
        return status;
    }

    public ProblemDetail toProblemDetail() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, getMessage());
        problem.setType(ProblemTypes.uri(type));
        problem.setTitle(title);
        properties.forEach(problem::setProperty);
        return problem;
    }

    /** Stable problem type URIs: {@code urn:tfgrpo:problem:<name>}. */
    public static final class ProblemTypes {

        private static final String PREFIX = "urn:tfgrpo:problem:";

        private ProblemTypes() {
        }

        public static URI uri(String name) {
            return URI.create(PREFIX + name);
        }

        static URI forStatus(HttpStatus status) {
            return uri(status.getReasonPhrase().toLowerCase().replaceAll("[^a-z0-9]+", "-"));
        }
    }
}
