package io.tfgrpo.llm;

import java.io.InterruptedIOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClientResponseException;

import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIServiceException;

/**
 * What went wrong in one attempt, and whether another attempt may help: rate limits (429, honouring
 * {@code Retry-After}), server errors (5xx), timeouts and I/O errors may pass; other 4xx will not. The
 * {@code kind} is a short stable word for the ledger ({@code rate-limited}, {@code server-error}, {@code rejected},
 * {@code timeout}, {@code io-error}, {@code unexpected}); the description is {@link ErrorText#safe safe} to store
 * and show.
 */
record Failure(boolean retryable, Integer status, Duration retryAfter, String kind, String description) {

    /** {@code secret} is the profile's API key, hidden wherever an error quotes it. */
    static Failure of(Throwable error, String secret) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof Passthrough.Rejected e) {
                return http(e.status, e.retryAfter == null ? List.of() : List.of(e.retryAfter), errorCode(e), secret);
            }
            if (cause instanceof OpenAIServiceException e) {
                return http(e.statusCode(), e.headers().values("retry-after"), errorCode(e), secret);
            }
            if (cause instanceof RestClientResponseException e) {
                return http(e.getStatusCode().value(),
                        Optional.ofNullable(e.getResponseHeaders()).map(h -> h.getOrEmpty("Retry-After")).orElse(List.of()),
                        e.getStatusText(), secret);
            }
            if (cause instanceof OpenAIIoException || cause instanceof ResourceAccessException
                    || cause instanceof java.io.IOException) {
                return new Failure(true, null, null, timedOut(error) ? "timeout" : "io-error",
                        ErrorText.safe("I/O error or timeout" + (cause.getMessage() == null ? ""
                                : ": " + cause.getMessage()), secret));
            }
        }
        return new Failure(false, null, null, "unexpected",
                ErrorText.safe("unexpected error" + (error.getMessage() == null ? "" : ": " + error.getMessage()), secret));
    }

    private static boolean timedOut(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof InterruptedIOException || cause instanceof HttpTimeoutException
                    || cause instanceof TimeoutException) {
                return true;
            }
        }
        return false;
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
            return e.code().orElse("upstream rejected");
        }
        catch (RuntimeException noCode) {
            return "upstream rejected";
        }
    }

    private static Failure http(int status, List<String> retryAfter, String reason, String secret) {
        boolean retryable = status == 408 || status == 429 || status >= 500;
        String kind = status == 429 ? "rate-limited" : status == 408 ? "timeout" : status >= 500 ? "server-error"
                : "rejected";
        return new Failure(retryable, status, retryAfter.isEmpty() ? null : parseSeconds(retryAfter.getFirst()), kind,
                ErrorText.safe("HTTP " + status + " (" + reason + ")", secret));
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
