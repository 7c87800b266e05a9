package io.tfgrpo.llm;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClientResponseException;

import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIServiceException;

/**
 * What went wrong in one attempt, and whether another attempt may help: rate limits (429, honouring
 * {@code Retry-After}), server errors (5xx), timeouts and I/O errors may pass; other 4xx will not.
 */
record Failure(boolean retryable, Integer status, Duration retryAfter, String description) {

    static Failure of(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof Passthrough.Rejected e) {
                return http(e.status, e.retryAfter == null ? List.of() : List.of(e.retryAfter), errorCode(e));
            }
            if (cause instanceof OpenAIServiceException e) {
                return http(e.statusCode(), e.headers().values("retry-after"), errorCode(e));
            }
            if (cause instanceof RestClientResponseException e) {
                return http(e.getStatusCode().value(),
                        Optional.ofNullable(e.getResponseHeaders()).map(h -> h.getOrEmpty("Retry-After")).orElse(List.of()),
                        e.getStatusText());
            }
            if (cause instanceof OpenAIIoException || cause instanceof ResourceAccessException
                    || cause instanceof java.io.IOException) {
                return new Failure(true, null, null, "I/O error or timeout: " + cause.getClass().getSimpleName()
                        + (cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")"));
            }
        }
        return new Failure(false, null, null, error.getClass().getSimpleName() + ": " + error.getMessage());
    }

    /**
     * The {@code code} of an OpenAI-style error body, if it has a short one; never the message, which may quote
     * what was sent (an API key, say).
     */
    private static String errorCode(Passthrough.Rejected e) {
        java.util.regex.Matcher code = ERROR_CODE.matcher(e.body == null ? "" : e.body);
        return code.find() ? code.group(1) : "upstream rejected";
    }

    private static final java.util.regex.Pattern ERROR_CODE =
            java.util.regex.Pattern.compile("\"code\"\\s*:\\s*\"([A-Za-z0-9_.-]{1,64})\"");

    /** The error code of OpenAI's error body, if it has one (the SDK throws when a field is absent). */
    private static String errorCode(OpenAIServiceException e) {
        try {
            return e.code().orElse(e.getClass().getSimpleName());
        }
        catch (RuntimeException noCode) {
            return e.getClass().getSimpleName();
        }
    }

    private static Failure http(int status, List<String> retryAfter, String reason) {
        boolean retryable = status == 408 || status == 429 || status >= 500;
        return new Failure(retryable, status, retryAfter.isEmpty() ? null : parseSeconds(retryAfter.getFirst()),
                "HTTP " + status + " (" + reason + ")");
    }

    private static Duration parseSeconds(String value) {
        try {
            return Duration.ofMillis((long) (Double.parseDouble(value.strip()) * 1000));
        }
        catch (NumberFormatException notSeconds) {
            return null;
        }
    }
}
