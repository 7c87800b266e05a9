package io.tfgrpo.inference;

import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import io.tfgrpo.shared.ApiProblem;
import io.tfgrpo.shared.DatabaseUnavailable;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Errors of the OpenAI-compatible endpoints in OpenAI's shape, since that is what OpenAI's clients parse. */
@RestControllerAdvice(assignableTypes = OpenAiController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class OpenAiErrors {

    private static final Logger log = LoggerFactory.getLogger(OpenAiErrors.class);

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<ObjectNode> problem(ApiProblem problem) {
        var detail = problem.toProblemDetail();
        String type = problem.status().is5xxServerError() ? "api_error" : "invalid_request_error";
        String code = detail.getType().toString().replace("urn:tfgrpo:problem:", "").replace('-', '_');
        ObjectNode body = body(detail.getDetail(), type, code);
        Map<String, Object> properties = detail.getProperties();
        if (properties != null && properties.get("field") != null) {
            ((ObjectNode) body.get("error")).put("param", properties.get("field").toString());
        }
        return ResponseEntity.status(problem.status()).body(body);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ObjectNode> unreadable(HttpMessageNotReadableException e) {
        return ResponseEntity.status(HttpStatus.BAD_REQUEST)
                .body(body("The request body is not valid JSON", "invalid_request_error", "invalid_json"));
    }

    /** The database is down (a warm prior needs none, but the ledger does): 503 in OpenAI's shape. */
    @ExceptionHandler({ DataAccessException.class, TransactionException.class })
    ResponseEntity<ObjectNode> databaseUnavailable(Exception e) throws Exception {
        if (!DatabaseUnavailable.causes(e)) {
            throw e; // the general handler answers 500
        }
        log.warn("Database unavailable: {}", e.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, DatabaseUnavailable.RETRY_AFTER_SECONDS)
                .body(body("The service's database is unavailable; try again shortly", "api_error",
                        "database_unavailable"));
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
