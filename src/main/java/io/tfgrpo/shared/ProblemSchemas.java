package io.tfgrpo.shared;

import java.util.List;

import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;

/** The two error shapes of the API description: RFC 9457 problem details, and OpenAI's error under {@code /v1}. */
final class ProblemSchemas {

    static final String PROBLEM = "Problem";
    static final String OPENAI_ERROR = "OpenAiError";

    private ProblemSchemas() {
    }

    static Schema<?> problem() {
        Schema<?> schema = new ObjectSchema().description("RFC 9457 problem details. `type` is stable "
                + "(`urn:tfgrpo:problem:<name>`); extension members such as `errors`, `field` or `requiredScope` "
                + "say more where the problem has more to say.")
                .addProperty("type", new StringSchema().description("stable problem type URI"))
                .addProperty("title", new StringSchema().description("short, the same for every problem of the type"))
                .addProperty("status", new IntegerSchema().description("the HTTP status"))
                .addProperty("detail", new StringSchema().description("what went wrong with this request"))
                .addProperty("instance", new StringSchema().description("the request path"))
                .addProperty("field", new StringSchema().description("the first offending field, if any"))
                .addProperty("line", new IntegerSchema().description("the first offending line of an upload, if any"))
                .addProperty("errors", new ArraySchema().description("everything found wrong, up to a limit")
                        .items(fieldError()));
        schema.setRequired(List.of("type", "title", "status", "detail"));
        return schema;
    }

    private static Schema<?> fieldError() {
        Schema<?> schema = new ObjectSchema()
                .addProperty("field", new StringSchema().description("a field path, such as `operations[0].text`"))
                .addProperty("line", new IntegerSchema().description("a line of an upload, from 1"))
                .addProperty("message", new StringSchema());
        schema.setRequired(List.of("message"));
        return schema;
    }

    static Schema<?> openAiError() {
        Schema<?> error = new ObjectSchema()
                .addProperty("message", new StringSchema())
                .addProperty("type", new StringSchema().description("invalid_request_error, requests or api_error"))
                .addProperty("param", new StringSchema().description("the offending request field, if known"))
                .addProperty("code", new StringSchema().description("the service's problem type, in snake case"));
        error.setRequired(List.of("message", "type", "code"));
        Schema<?> schema = new ObjectSchema().description("OpenAI's error shape, which OpenAI's clients parse")
                .addProperty("error", error);
        schema.setRequired(List.of("error"));
        return schema;
    }
}
