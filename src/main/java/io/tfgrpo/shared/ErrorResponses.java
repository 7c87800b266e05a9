package io.tfgrpo.shared;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import tools.jackson.databind.json.JsonMapper;

/**
 * Documents an error response of an operation: problem+json with the {@code Problem} schema and an example under
 * the operation's own path, or, under {@code /v1}, OpenAI's error shape (as {@code OpenAiErrors} and the security
 * filters write it there). Several problems with one status become named examples of one response.
 */
public final class ErrorResponses {

    static final String PROBLEM_JSON = "application/problem+json";
    private static final String JSON = "application/json";
    private static final Pattern VARIABLE = Pattern.compile("\\{([^}]+)}");

    private ErrorResponses() {
    }

    /** A problem as the service renders it: type, title, status, detail and its own members (name, value, ...). */
    public static Map<String, Object> problem(HttpStatus status, String type, String title, String detail,
            Object... members) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", ApiProblem.ProblemTypes.uri(type).toString());
        problem.put("title", title);
        problem.put("status", status.value());
        problem.put("detail", detail);
        for (int i = 0; i + 1 < members.length; i += 2) {
            problem.put(String.valueOf(members[i]), members[i + 1]);
        }
        return problem;
    }

    static Map<String, Object> problem(ApiProblem raised) {
        ProblemDetail detail = raised.toProblemDetail();
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", String.valueOf(detail.getType()));
        problem.put("title", detail.getTitle());
        problem.put("status", detail.getStatus());
        problem.put("detail", detail.getDetail());
        if (detail.getProperties() != null) {
            detail.getProperties().forEach((name, value) -> problem.put(name, plain(value)));
        }
        return problem;
    }

    /** Adds the problem as an example of the operation's response for its status, creating the response if need be. */
    public static void add(String path, Operation operation, String description, Map<String, Object> problem) {
        String code = String.valueOf(problem.get("status"));
        String type = String.valueOf(problem.get("type")).replace("urn:tfgrpo:problem:", "");
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        ApiResponse response = responses.computeIfAbsent(code, c -> new ApiResponse());
        if (response.getDescription() == null || response.getDescription().isBlank()) {
            response.setDescription(description == null ? String.valueOf(problem.get("title")) : description);
        }
        else if (description != null && !response.getDescription().contains(description)) {
            response.setDescription(response.getDescription() + "; " + description);
        }
        MediaType content = errorContent(path, response);
        if (content.getExamples() == null || !content.getExamples().containsKey(type)) {
            content.addExamples(type, new Example().summary(String.valueOf(problem.get("title")))
                    .value(isOpenAi(path) ? openAiError(problem, type) : withInstance(problem, path, operation)));
        }
        ApiResponses sorted = new ApiResponses();
        new TreeMap<>(responses).forEach(sorted::addApiResponse);
        operation.setResponses(sorted);
    }

    /**
     * The error shape of this path as the response's only content, keeping the examples declared with it: springdoc
     * puts the success schema on an error response declared without content, and none on one declared with examples.
     */
    static MediaType errorContent(String path, ApiResponse response) {
        String mediaType = isOpenAi(path) ? JSON : PROBLEM_JSON;
        MediaType content = response.getContent() == null ? null : response.getContent().get(mediaType);
        String schema = "#/components/schemas/"
                + (isOpenAi(path) ? ProblemSchemas.OPENAI_ERROR : ProblemSchemas.PROBLEM);
        if (content != null && schema.equals(content.getSchema() == null ? null : content.getSchema().get$ref())) {
            return content;
        }
        MediaType shaped = new MediaType().schema(new Schema<>().$ref(schema));
        if (content != null && content.getExamples() != null) {
            content.getExamples().forEach(shaped::addExamples);
        }
        if (content != null && content.getExample() instanceof Map<?, ?> example) {
            shaped.addExamples(String.valueOf(example.get("type")).replace("urn:tfgrpo:problem:", ""),
                    new Example().value(example));
        }
        response.setContent(new Content().addMediaType(mediaType, shaped));
        return shaped;
    }

    private static boolean isOpenAi(String path) {
        return path.equals("/v1") || path.startsWith("/v1/");
    }

    private static Map<String, Object> openAiError(Map<String, Object> problem, String type) {
        int status = (Integer) problem.get("status");
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", problem.get("detail"));
        error.put("type", status == 429 ? "requests" : status >= 500 ? "api_error" : "invalid_request_error");
        if (problem.get("field") != null) {
            error.put("param", problem.get("field"));
        }
        error.put("code", type.replace('-', '_'));
        return Map.of("error", error);
    }

    private static Map<String, Object> withInstance(Map<String, Object> problem, String path, Operation operation) {
        Map<String, Object> body = new LinkedHashMap<>(problem);
        Matcher variable = VARIABLE.matcher(path);
        StringBuilder instance = new StringBuilder();
        while (variable.find()) {
            variable.appendReplacement(instance, Matcher.quoteReplacement(sample(operation, variable.group(1))));
        }
        variable.appendTail(instance);
        body.put("instance", instance.toString());
        return body;
    }

    /** A value for a path variable in an example: the parameter's own example, else one of its type. */
    private static String sample(Operation operation, String name) {
        Parameter parameter = operation.getParameters() == null ? null : operation.getParameters().stream()
                .filter(p -> "path".equals(p.getIn()) && name.equals(p.getName())).findFirst().orElse(null);
        if (parameter != null && parameter.getExample() != null) {
            return String.valueOf(parameter.getExample());
        }
        Schema<?> schema = parameter == null ? null : parameter.getSchema();
        if (schema != null && "uuid".equals(schema.getFormat())) {
            return Samples.ID;
        }
        boolean integer = schema != null && ("integer".equals(schema.getType())
                || schema.getTypes() != null && schema.getTypes().contains("integer"));
        return integer ? "1" : name;
    }

    /** As the response would carry it: ids, times and records as JSON values. */
    private static Object plain(Object value) {
        return JsonMapper.shared().convertValue(value, Object.class);
    }

    /** Values the problems' examples share, so that one example's ids read as the same thing in another's. */
    public static final class Samples {

        public static final String ID = "3f6c2a1e-8b4d-4e7a-9c2f-5d1b7e9a0c4d";
        public static final String OTHER_ID = "9a0c4d3f-6c2a-4e7a-8b4d-1e5d1b7e9c2f";
        public static final String LIBRARY = "gsm8k-tips";

        private Samples() {
        }
    }
}
