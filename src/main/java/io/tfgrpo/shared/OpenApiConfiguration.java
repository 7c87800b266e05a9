package io.tfgrpo.shared;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import tools.jackson.databind.JsonNode;

/** API description: title, and the problem+json error responses every operation can return. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    private static final String PROBLEM = "Problem";

    static {
        // a JSON tree (the OpenAI-compatible request body, an experience's provenance) is any JSON object; left
        // to itself springdoc describes Jackson 3's JsonNode as a bean (empty, array, ...)
        SpringDocUtils.getConfig().replaceWithSchema(JsonNode.class, new ObjectSchema());
    }

    @Bean
    OpenApiCustomizer problemResponses() {
        return openApi -> {
            openApi.info(new Info().title("Training-Free GRPO")
                    .description("Learn an experience library for an LLM task without changing its weights, "
                            + "version it, and serve it. Errors are RFC 9457 application/problem+json.")
                    .version("v1")
                    .license(new License().name("Apache-2.0")));
            if (openApi.getComponents() == null) {
                openApi.setComponents(new Components());
            }
            openApi.getComponents().addSchemas(PROBLEM, problemSchema());
            openApi.getPaths().values().forEach(path -> path.readOperations().forEach(operation -> {
                addIfAbsent(operation.getResponses(), "400", "Invalid input: the errors name the field or line");
                addIfAbsent(operation.getResponses(), "500", "Unexpected server error");
            }));
        };
    }

    private static void addIfAbsent(io.swagger.v3.oas.models.responses.ApiResponses responses, String code,
            String description) {
        if (!responses.containsKey(code)) {
            responses.addApiResponse(code, new ApiResponse().description(description)
                    .content(new Content().addMediaType("application/problem+json",
                            new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)))));
        }
    }

    private static Schema<?> problemSchema() {
        return new ObjectSchema().description("RFC 9457 problem details")
                .addProperty("type", new StringSchema().example("urn:tfgrpo:problem:invalid-dataset"))
                .addProperty("title", new StringSchema().example("Invalid dataset"))
                .addProperty("status", new IntegerSchema().example(400))
                .addProperty("detail", new StringSchema().example("line 3: malformed JSON"))
                .addProperty("instance", new StringSchema().example("/api/datasets"))
                .addProperty("line", new IntegerSchema().description("first offending line of an upload, if any"))
                .addProperty("field", new StringSchema().description("first offending field, if any"))
                .addProperty("errors", new io.swagger.v3.oas.models.media.ArraySchema()
                        .items(new ObjectSchema().addProperty("field", new StringSchema())
                                .addProperty("line", new IntegerSchema())
                                .addProperty("message", new StringSchema())));
    }
}
