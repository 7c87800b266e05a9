package io.tfgrpo.shared;

import java.util.List;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import tools.jackson.databind.json.JsonMapper;

/**
 * Renders every error as {@code application/problem+json}: domain problems, Spring MVC's own exceptions (unknown
 * route, wrong method, unreadable body, failed validation) and, without internals, anything unexpected. Messages say
 * what was expected in the API's words, never a Java type; under {@code /v1} {@link OpenAiProblems} rewrites the
 * problem in OpenAI's shape.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    private final DataSize maxFileSize;
    private final ExpectedValues expected;
    private final BodyErrors bodyErrors;

    ProblemDetailsAdvice(@Value("${spring.servlet.multipart.max-file-size:1MB}") DataSize maxFileSize,
            JsonMapper json) {
        this.maxFileSize = maxFileSize;
        this.expected = new ExpectedValues(json);
        this.bodyErrors = new BodyErrors(expected);
    }

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<ProblemDetail> handleApiProblem(ApiProblem problem) {
        ResponseEntity.BodyBuilder response = ResponseEntity.status(problem.status());
        problem.retryAfterSeconds().ifPresent(seconds -> response.header(HttpHeaders.RETRY_AFTER, seconds));
        return response.body(problem.toProblemDetail());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> handleTypeMismatch(MethodArgumentTypeMismatchException ex) {
        return invalid(List.of(FieldError.field(ex.getName(), "must be " + expected.of(ex.getRequiredType()))));
    }

    @ExceptionHandler(BodySizeLimit.BodyTooLarge.class)
    ResponseEntity<ProblemDetail> handleBodyTooLarge(BodySizeLimit.BodyTooLarge tooLarge) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
                "The request body is larger than the limit (tfgrpo.http.max-json-body)");
        problem.setType(ApiProblem.ProblemTypes.uri("body-too-large"));
        problem.setTitle("Request body too large");
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(problem);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> handleUnexpected(Exception ex) {
        if (DatabaseUnavailable.causes(ex)) {
            log.warn("Database unavailable: {}", ex.getMessage());
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                    "The database is unavailable; nothing was changed, try again shortly");
            problem.setType(ApiProblem.ProblemTypes.uri("database-unavailable"));
            problem.setTitle("Database unavailable");
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, DatabaseUnavailable.RETRY_AFTER_SECONDS).body(problem);
        }
        log.error("Unexpected error", ex);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "The server failed to handle the request; the error is logged.");
        problem.setType(ApiProblem.ProblemTypes.forStatus(HttpStatus.INTERNAL_SERVER_ERROR));
        return ResponseEntity.internalServerError().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(e -> FieldError.field(e.getField(), Objects.toString(e.getDefaultMessage(), "is invalid")))
                .toList();
        return invalidAsObject(errors.isEmpty() ? List.of(FieldError.field(null, "request body is invalid")) : errors);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = ex.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream().map(error -> FieldError.field(
                        fieldName(result.getMethodParameter().getParameterName(), error),
                        Objects.toString(error.getDefaultMessage(), "is invalid"))))
                .toList();
        return invalidAsObject(errors);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return invalidAsObject(List.of(FieldError.field(ex.getParameterName(), "is required")));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestPart(MissingServletRequestPartException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return invalidAsObject(List.of(FieldError.field(ex.getRequestPartName(), "is required (a multipart part)")));
    }

    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        long limit = ex.getMaxUploadSize() > 0 ? ex.getMaxUploadSize() : maxFileSize.toBytes();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
                "The upload is larger than the limit of " + limit + " bytes");
        problem.setType(ApiProblem.ProblemTypes.uri("upload-too-large"));
        problem.setTitle("Upload too large");
        problem.setProperty("maxBytes", limit);
        return handleExceptionInternal(ex, problem, headers, HttpStatus.CONTENT_TOO_LARGE, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof BodySizeLimit.BodyTooLarge tooLarge) {
                return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(handleBodyTooLarge(tooLarge).getBody());
            }
        }
        return invalidAsObject(List.of(bodyErrors.of(ex)));
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
            WebRequest request) {
        if (body instanceof ProblemDetail problem
                && (problem.getType() == null || "about:blank".equals(problem.getType().toString()))) {
            HttpStatus status = HttpStatus.resolve(statusCode.value());
            if (status != null) {
                problem.setType(ApiProblem.ProblemTypes.forStatus(status));
            }
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    private static String fieldName(String parameter, MessageSourceResolvable error) {
        if (error instanceof org.springframework.validation.FieldError f) {
            return parameter + "." + f.getField();
        }
        return parameter;
    }

    private static ResponseEntity<ProblemDetail> invalid(List<FieldError> errors) {
        InvalidRequest problem = new InvalidRequest("invalid-request", "Invalid request", errors);
        return ResponseEntity.badRequest().body(problem.toProblemDetail());
    }

    private static ResponseEntity<Object> invalidAsObject(List<FieldError> errors) {
        return ResponseEntity.badRequest().body(invalid(errors).getBody());
    }
}
