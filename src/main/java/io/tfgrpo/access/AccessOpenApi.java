package io.tfgrpo.access;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

/** The API description says that operations need a bearer key, so Swagger UI offers "Authorize". */
@Configuration(proxyBeanMethods = false)
class AccessOpenApi {

    private static final String SCHEME = "apiKey";

    @Bean
    OpenApiCustomizer bearerKeys() {
        return openApi -> {
            if (openApi.getComponents() == null) {
                openApi.setComponents(new Components());
            }
            openApi.getComponents().addSecuritySchemes(SCHEME, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                    .scheme("bearer").description("An API key: the bootstrap key (TFGRPO_BOOTSTRAP_KEY) or one "
                            + "created with POST /api/keys. Scopes: admin (keys), train (datasets, libraries, "
                            + "training, evaluation), infer (inference, /v1)."));
            openApi.addSecurityItem(new SecurityRequirement().addList(SCHEME));
        };
    }
}
