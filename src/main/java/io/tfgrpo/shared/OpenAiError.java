package io.tfgrpo.shared;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.util.UriUtils;

/**
 * OpenAI's error shape, {@code {"error": {"message", "type", "code", "param"}}}, which OpenAI's clients parse: every
 * error under {@code /v1} takes it, whichever layer answers (security filters, Spring MVC, the error page).
 */
public final class OpenAiError {

    private static final String PROBLEM_PREFIX = "urn:tfgrpo:problem:";

    private OpenAiError() {
    }

    /** Whether the request (or, on the error page, the request that failed) is under {@code /v1}. */
    public static boolean applies(HttpServletRequest request) {
        Object failed = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String uri = failed != null ? failed.toString() : request.getRequestURI();
        String path = decoded(uri.substring(Math.min(uri.length(), request.getContextPath().length())));
        return path.equals("/v1") || path.startsWith("/v1/");
    }

    private static String decoded(String path) {
        try {
            return UriUtils.decode(path, StandardCharsets.UTF_8);
        }
        catch (IllegalArgumentException malformed) {
            return path;
        }
    }

    /** {@code code}: the problem type's name with underscores ({@code model_not_found}). */
    public static Map<String, Object> body(HttpStatus status, String code, String message, String param) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("type", status == HttpStatus.TOO_MANY_REQUESTS ? "requests"
                : status.is5xxServerError() ? "api_error" : "invalid_request_error");
        error.put("code", code.replace('-', '_'));
        if (param != null) {
            error.put("param", param);
        }
        return Map.of("error", error);
    }

    /** The problem in OpenAI's shape: its type becomes the code, its detail the message, its field the param. */
    public static Map<String, Object> of(ProblemDetail problem) {
        HttpStatus status = HttpStatus.resolve(problem.getStatus());
        String type = problem.getType() == null ? "" : problem.getType().toString();
        Object field = problem.getProperties() == null ? null : problem.getProperties().get("field");
        return body(status == null ? HttpStatus.INTERNAL_SERVER_ERROR : status,
                type.startsWith(PROBLEM_PREFIX) ? type.substring(PROBLEM_PREFIX.length()) : "error",
                problem.getDetail() == null ? String.valueOf(problem.getTitle()) : problem.getDetail(),
                field == null ? null : field.toString());
    }
}
