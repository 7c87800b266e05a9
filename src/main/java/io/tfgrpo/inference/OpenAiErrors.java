package io.tfgrpo.inference;

import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import io.tfgrpo.library.LibraryNotFound;
import io.tfgrpo.library.VersionNotFound;
import io.tfgrpo.shared.ApiProblem;
import io.tfgrpo.shared.DatabaseUnavailable;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Errors of the OpenAI-compatible endpoints that read differently there; every problem under {@code /v1} is then
 * written in OpenAI's shape ({@link io.tfgrpo.shared.OpenAiError}), since that is what OpenAI's clients parse.
 */
@RestControllerAdvice(assignableTypes = OpenAiController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class OpenAiErrors {

    private static final Logger log = LoggerFactory.getLogger(OpenAiErrors.class);

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The request body is not valid JSON");
        problem.setType(ApiProblem.ProblemTypes.uri("invalid-json"));
        problem.setTitle("Invalid JSON");
        return ResponseEntity.badRequest().body(problem);
    }

    /**
     * Without the library header the model names the library ({@code name} or {@code name@version}): a library or
     * version that does not exist is a model that does not, as OpenAI's clients expect it.
     */
    @ExceptionHandler({ LibraryNotFound.class, VersionNotFound.class })
    ResponseEntity<ProblemDetail> modelNotFound(ApiProblem notFound, HttpServletRequest request) {
        String header = request.getHeader(OpenAiController.LIBRARY_HEADER);
        ApiProblem problem = notFound;
        if (header == null || header.isBlank()) {
            Map<String, Object> found = notFound.toProblemDetail().getProperties();
            Object version = found == null ? null : found.get("version");
            problem = ModelNotFound.served(found == null ? "" : found.get("library") + (version == null ? "" : "@" + version));
        }
        return ResponseEntity.status(problem.status()).body(problem.toProblemDetail());
    }

    /**
     * The last event of a stream that failed after it began, when no status can be sent any more: a generic message
     * and an error id, never the error's own text (it may hold an upstream reply or SQL). The log has the real error
     * under the same id.
     */
    static ObjectNode streamFailure(RuntimeException error) {
        String id = UUID.randomUUID().toString();
        log.warn("A streamed chat completion failed [error id {}]", id, error);
        String code = error instanceof ApiProblem problem
                ? problem.toProblemDetail().getType().toString().replace("urn:tfgrpo:problem:", "").replace('-', '_')
                : DatabaseUnavailable.causes(error) ? "database_unavailable" : "internal_error";
        ObjectNode body = body("The completion failed after it began; quote error id " + id + " to the operator",
                "api_error", code);
        ((ObjectNode) body.get("error")).put("error_id", id);
        return body;
    }

    static ObjectNode body(String message, String type, String code) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.putObject("error").put("message", message).put("type", type).put("code", code);
        return body;
    }
}
