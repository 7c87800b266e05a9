package io.tfgrpo.shared;

import org.springframework.boot.http.converter.autoconfigure.ServerHttpMessageConvertersCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import tools.jackson.databind.json.JsonMapper;

/**
 * Request bodies are read strictly ({@link StrictJsonConverter}). The application's mapper stays lenient for what
 * it reads from elsewhere (models' answers, stored rows written by earlier versions).
 */
@Configuration(proxyBeanMethods = false)
class JsonConfiguration {

    /** After Boot's own (order 0), whose converter this one replaces for the server side only. */
    @Bean
    @Order(1)
    ServerHttpMessageConvertersCustomizer strictRequestBodies(JsonMapper json) {
        return converters -> converters.withJsonConverter(new StrictJsonConverter(json));
    }

}
