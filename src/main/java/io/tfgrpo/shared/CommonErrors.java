package io.tfgrpo.shared;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;

/**
 * The errors any operation may answer, from one table: 503 when the database is unavailable (every operation),
 * 400 when an input is invalid (operations that take one), and 413 when a JSON body is over
 * {@code tfgrpo.http.max-json-body}. An operation that documents its own 400 keeps it.
 */
@Component
class CommonErrors implements OpenApiCustomizer {

    private final long maxJsonBody;

    CommonErrors(@Value("${tfgrpo.http.max-json-body:10MB}") DataSize maxJsonBody) {
        this.maxJsonBody = maxJsonBody.toBytes();
    }

    @Override
    public void customise(OpenAPI api) {
        api.getPaths().forEach((path, item) -> item.readOperations().forEach(operation -> {
            operation.getResponses().forEach((code, response) -> {
                if (code.startsWith("4") || code.startsWith("5")) {
                    ErrorResponses.errorContent(path, response);
                }
            });
            if (!operation.getResponses().containsKey("400")) {
                invalidInput(api, operation).ifPresent(problem -> ErrorResponses.add(path, operation,
                        "Invalid input: `errors` names each offending field", ErrorResponses.problem(problem)));
            }
            if (hasJsonBody(operation)) {
                ErrorResponses.add(path, operation, "The body is larger than tfgrpo.http.max-json-body",
                        ErrorResponses.problem(HttpStatus.CONTENT_TOO_LARGE, "body-too-large",
                                "Request body too large", "The request body is larger than the limit of "
                                        + maxJsonBody + " bytes (tfgrpo.http.max-json-body)",
                                "maxBytes", maxJsonBody));
            }
            ErrorResponses.add(path, operation, "The database is unavailable; retry after `Retry-After` seconds",
                    ErrorResponses.problem(HttpStatus.SERVICE_UNAVAILABLE, "database-unavailable",
                            "Database unavailable", "The database is unavailable; nothing was changed, try again "
                                    + "shortly"));
        }));
    }

    /** The first input a client could get wrong, and what the service says then. */
    private static Optional<InvalidRequest> invalidInput(OpenAPI api, Operation operation) {
        List<Parameter> parameters = operation.getParameters() == null ? List.of() : operation.getParameters();
        for (Parameter parameter : parameters) {
            BigDecimal minimum = parameter.getSchema() == null ? null : parameter.getSchema().getMinimum();
            if (minimum != null && !"header".equals(parameter.getIn())) {
                return Optional.of(InvalidRequest.of(parameter.getName(),
                        "must be greater than or equal to " + minimum.toPlainString()));
            }
        }
        Optional<InvalidRequest> body = requiredBodyField(api, operation);
        if (body.isPresent()) {
            return body;
        }
        // a path or query value of the wrong type
        return parameters.stream().filter(p -> !"header".equals(p.getIn()) && p.getSchema() != null
                && !isString(p.getSchema())).findFirst()
                .map(p -> InvalidRequest.of(p.getName(), "must be " + expected(p.getSchema())));
    }

    private static Optional<InvalidRequest> requiredBodyField(OpenAPI api, Operation operation) {
        if (!hasJsonBody(operation)) {
            return Optional.empty();
        }
        Schema<?> body = operation.getRequestBody().getContent().get("application/json").getSchema();
        if (body.get$ref() != null) {
            body = api.getComponents().getSchemas().get(body.get$ref().replace("#/components/schemas/", ""));
        }
        if (body == null || body.getRequired() == null || body.getRequired().isEmpty()) {
            return Optional.of(InvalidRequest.of(null, "the request body is missing or unreadable"));
        }
        String field = body.getRequired().getFirst();
        Schema<?> property = body.getProperties() == null ? null : body.getProperties().get(field);
        String message = property != null && property.getMinLength() != null ? "must not be blank"
                : property != null && property.getMinItems() != null ? "must not be empty" : "must not be null";
        return Optional.of(InvalidRequest.of(field, message));
    }

    private static boolean hasJsonBody(Operation operation) {
        return operation.getRequestBody() != null && operation.getRequestBody().getContent() != null
                && operation.getRequestBody().getContent().containsKey("application/json");
    }

    private static boolean isString(Schema<?> schema) {
        return schema.getFormat() == null && schema.getEnum() == null && ("string".equals(schema.getType())
                || schema.getTypes() != null && schema.getTypes().equals(java.util.Set.of("string")));
    }

    private static String expected(Schema<?> schema) {
        if (schema.getEnum() != null) {
            return "one of " + schema.getEnum().stream().map(String::valueOf).collect(Collectors.joining(", "));
        }
        return switch (String.valueOf(schema.getFormat())) {
            case "uuid" -> "a UUID";
            case "date-time" -> "a date and time (ISO 8601)";
            case "int32", "int64" -> "a whole number";
            default -> "a number";
        };
    }
}
