package io.tfgrpo.shared;

import java.math.BigDecimal;

import org.springframework.boot.http.converter.autoconfigure.ServerHttpMessageConvertersCustomizer;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * JSON as the API speaks it: decimals written plainly ({@code 0}, {@code 0.0125}; never {@code 0E-8}), and request
 * bodies read strictly ({@link StrictJsonConverter}). The application's mapper stays lenient for what it reads
 * from elsewhere (models' answers, stored rows written by earlier versions).
 */
@Configuration(proxyBeanMethods = false)
class JsonConfiguration {

    @Bean
    JsonMapperBuilderCustomizer plainDecimals() {
        return builder -> builder.enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
                .addModule(new SimpleModule("plain-decimals").addSerializer(BigDecimal.class, new PlainDecimal()));
    }

    /** After Boot's own (order 0), whose converter this one replaces for the server side only. */
    @Bean
    @Order(1)
    ServerHttpMessageConvertersCustomizer strictRequestBodies(JsonMapper json) {
        return converters -> converters.withJsonConverter(new StrictJsonConverter(json));
    }

    /** A number without trailing zeros; written without an exponent (WRITE_BIGDECIMAL_AS_PLAIN). */
    private static final class PlainDecimal extends StdSerializer<BigDecimal> {

        PlainDecimal() {
            super(BigDecimal.class);
        }

        @Override
        public void serialize(BigDecimal value, JsonGenerator generator, SerializationContext context) {
            generator.writeNumber(value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros());
        }
    }
}
