package io.tfgrpo.access;

import java.util.List;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.tfgrpo.shared.ErrorResponses;

/**
 * The API description says that operations need a bearer key, so Swagger UI offers "Authorize", and documents what
 * the security filters answer on each operation: 401, 403 with the scope its rule needs, and on inference the
 * per-key rate limit (429) and overload admission (503).
 */
@Configuration(proxyBeanMethods = false)
class AccessOpenApi {

    private static final String SCHEME = "apiKey";

    /** The rate of the example 429: a key created with {@code "requestsPerMinute": 60}. */
    private static final int EXAMPLE_RATE = 60;

    @Bean
    OpenApiCustomizer bearerKeys(AccessSettings settings) {
        return api -> {
            if (api.getComponents() == null) {
                api.setComponents(new Components());
            }
            api.getComponents().addSecuritySchemes(SCHEME, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                    .scheme("bearer").description("An API key: the bootstrap key (TFGRPO_BOOTSTRAP_KEY) or one "
                            + "created with POST /api/keys. Scopes: admin (keys), train (datasets, libraries, "
                            + "training, evaluation), infer (inference, /v1)."));
            api.addSecurityItem(new SecurityRequirement().addList(SCHEME));
            documentRefusals(api, settings);
        };
    }

    private static void documentRefusals(OpenAPI api, AccessSettings settings) {
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            HttpMethod httpMethod = HttpMethod.valueOf(method.name());
            Scope scope = AccessRules.ruleNaming(httpMethod, path).map(AccessRules.Rule::scope).orElse(null);
            if (scope == null) {
                operation.setSecurity(List.of());
                return;
            }
            refusals(path, operation, scope);
            if (AccessRules.isInference(httpMethod, path)) {
                ErrorResponses.add(path, operation, "The key's inference rate is used up; retry after "
                        + "`Retry-After` seconds", ErrorResponses.problem(HttpStatus.TOO_MANY_REQUESTS,
                                "rate-limit-exceeded", "Rate limit exceeded", "This key may make " + EXAMPLE_RATE
                                        + " inference requests per minute; retry in 1 s",
                                "requestsPerMinute", EXAMPLE_RATE, "retryAfterSeconds", 1));
                int perKey = settings.maxConcurrentInferencePerKey();
                ErrorResponses.add(path, operation, "The key holds tfgrpo.security.max-concurrent-inference-per-key "
                        + "requests in progress already; retry after `Retry-After` seconds", ErrorResponses.problem(
                                HttpStatus.TOO_MANY_REQUESTS, "too-many-concurrent-requests",
                                "Too many concurrent requests", "This key has " + perKey + " inference requests in "
                                        + "progress already, the most one key may have; retry in 1 s",
                                "maxConcurrentInferencePerKey", perKey));
                int limit = settings.maxConcurrentInference();
                ErrorResponses.add(path, operation, "This instance serves tfgrpo.security.max-concurrent-inference "
                        + "requests already; retry after `Retry-After` seconds", ErrorResponses.problem(
                                HttpStatus.SERVICE_UNAVAILABLE, "overloaded", "Overloaded", "This instance is serving "
                                        + limit + " inference requests already; retry in 1 s",
                                "maxConcurrentInference", limit));
            }
        }));
    }

    private static void refusals(String path, Operation operation, Scope scope) {
        String unauthorized = "No API key, or one that is unknown or revoked";
        ErrorResponses.add(path, operation, unauthorized, ErrorResponses.problem(HttpStatus.UNAUTHORIZED,
                "missing-api-key", "API key required", "Send an API key as 'Authorization: Bearer <key>'"));
        ErrorResponses.add(path, operation, unauthorized, ErrorResponses.problem(HttpStatus.UNAUTHORIZED,
                "invalid-api-key", "Invalid API key", "The API key is not valid (unknown or revoked)"));
        ErrorResponses.add(path, operation, "The API key lacks the '" + scope.label() + "' scope",
                ErrorResponses.problem(HttpStatus.FORBIDDEN, "insufficient-scope", "Insufficient scope",
                        "This API key lacks the '" + scope.label() + "' scope",
                        "requiredScope", scope.label()));
    }
}
