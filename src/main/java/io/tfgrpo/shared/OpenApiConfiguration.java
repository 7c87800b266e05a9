package io.tfgrpo.shared;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;
import tools.jackson.databind.JsonNode;

/**
 * The API description's frame: title and the service's version, the error schemas, the tags in the order a user
 * meets them, and within a tag the paths in a natural order (a collection before its items, an item before its
 * parts), so that Swagger UI reads list, create, get, update, delete.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static {
        // a JSON tree in a view (metadata, provenance) is any JSON value, not a bean with isArray() and friends
        SpringDocUtils.getConfig().replaceWithSchema(JsonNode.class, new Schema<>().description("any JSON value"));
    }

    /** Tags in the order of the main flow; a tag not named here comes after them. */
    private static final List<String> TAG_ORDER = List.of("Datasets", "Libraries", "Library versions",
            "Training jobs", "Evaluations", "Inference", "OpenAI-compatible", "Models", "API keys");

    /** Descriptions of the paging parameters that many operations share. */
    private static final Map<String, String> SHARED_PARAMETERS = Map.of(
            "page", "Page number, from 0",
            "size", "Items per page");

    /** Paths are relative to wherever the service is reached, so the document is the same behind any host. */
    @Bean
    OpenAPI apiDescription() {
        return new OpenAPI().servers(List.of(new Server().url("/").description("this service")));
    }

    @Bean
    OpenApiCustomizer apiFrame(ObjectProvider<BuildProperties> build) {
        return api -> {
            api.info(new Info().title("Training-Free GRPO")
                    .description("Learn an experience library for an LLM task without changing its weights, "
                            + "version it, and serve it. Errors are RFC 9457 `application/problem+json` (the "
                            + "`Problem` schema); under `/v1` they take OpenAI's error shape.")
                    .version(version(build))
                    .license(new License().name("Apache-2.0").identifier("Apache-2.0")));
            if (api.getComponents() == null) {
                api.setComponents(new Components());
            }
            api.getComponents().addSchemas(ProblemSchemas.PROBLEM, ProblemSchemas.problem())
                    .addSchemas(ProblemSchemas.OPENAI_ERROR, ProblemSchemas.openAiError());
            api.getPaths().values().forEach(item -> item.readOperations().forEach(operation -> {
                if (operation.getParameters() != null) {
                    operation.getParameters().stream().filter(p -> p.getDescription() == null)
                            .forEach(p -> p.setDescription(SHARED_PARAMETERS.get(p.getName())));
                }
            }));
            orderTags(api);
            orderPaths(api);
        };
    }

    private static String version(ObjectProvider<BuildProperties> build) {
        BuildProperties properties = build.getIfAvailable();
        return properties == null || properties.getVersion() == null ? "development" : properties.getVersion();
    }

    private static void orderTags(OpenAPI api) {
        if (api.getTags() != null) {
            api.setTags(api.getTags().stream().sorted(Comparator.comparing(OpenApiConfiguration::tagRank)
                    .thenComparing(Tag::getName)).toList());
        }
    }

    private static int tagRank(Tag tag) {
        int rank = TAG_ORDER.indexOf(tag.getName());
        return rank < 0 ? TAG_ORDER.size() : rank;
    }

    private static void orderPaths(OpenAPI api) {
        Paths ordered = new Paths();
        api.getPaths().entrySet().stream().sorted(Comparator
                .comparingInt((Map.Entry<String, PathItem> path) -> pathTagRank(path.getValue()))
                .thenComparing(Map.Entry::getKey, OpenApiConfiguration::naturally))
                .forEach(path -> ordered.addPathItem(path.getKey(), path.getValue()));
        api.setPaths(ordered);
    }

    private static int pathTagRank(PathItem item) {
        return item.readOperations().stream().flatMap(o -> o.getTags() == null ? java.util.stream.Stream.empty()
                : o.getTags().stream()).mapToInt(name -> tagRank(new Tag().name(name))).min().orElse(TAG_ORDER.size());
    }

    /** Fewer segments first; at one depth an item ({@code {id}}) before named parts, then by name. */
    private static int naturally(String a, String b) {
        String[] left = a.split("/");
        String[] right = b.split("/");
        if (left.length != right.length) {
            return Integer.compare(left.length, right.length);
        }
        for (int i = 0; i < left.length; i++) {
            boolean leftVariable = left[i].startsWith("{");
            boolean rightVariable = right[i].startsWith("{");
            if (leftVariable != rightVariable) {
                return leftVariable ? -1 : 1;
            }
            int byName = left[i].compareTo(right[i]);
            if (byName != 0) {
                return byName;
            }
        }
        return 0;
    }
}
