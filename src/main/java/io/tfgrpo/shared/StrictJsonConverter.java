package io.tfgrpo.shared;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.core.ResolvableType;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.DeserializationProblemHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads request bodies strictly: a property the target type does not have, or one given twice, is refused rather
 * than ignored, and every unknown one is named at once ({@link UnknownProperties}), not only the first. Bodies read
 * as a {@code JsonNode} (the OpenAI-compatible endpoint) have no unknown properties and stay as lenient as
 * OpenAI's clients need. Responses are written as by the application's mapper.
 */
final class StrictJsonConverter extends JacksonJsonHttpMessageConverter {

    private static final int MOST_NAMED = 20;

    /** The unknown properties of the body this thread is reading; set only during {@link #read}. */
    private static final ThreadLocal<Collector> READING = new ThreadLocal<>();

    StrictJsonConverter(JsonMapper json) {
        super(json.rebuild().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());
    }

    @Override
    public Object read(ResolvableType type, HttpInputMessage input, Map<String, Object> hints) throws IOException {
        Collector unknown = new Collector();
        READING.set(unknown);
        try {
            Object value = super.read(type, input, hints);
            if (!unknown.found.isEmpty()) {
                throw new UnknownProperties(unknown.found, unknown.more);
            }
            return value;
        }
        finally {
            READING.remove();
        }
    }

    @Override
    protected ObjectReader customizeReader(ObjectReader reader, JavaType type) {
        Collector unknown = READING.get();
        return unknown == null ? reader : reader.withHandler(unknown);
    }

    /** Notes each unknown property with its path and skips its value, so that the rest is read and checked too. */
    private static final class Collector extends DeserializationProblemHandler {

        private final List<UnknownProperties.Unknown> found = new ArrayList<>();
        private int more;

        @Override
        public boolean handleUnknownProperty(DeserializationContext context, JsonParser parser,
                ValueDeserializer<?> deserializer, Object beanOrClass, String name) {
            if (found.size() < MOST_NAMED) {
                List<String> known = deserializer == null ? List.of()
                        : deserializer.getKnownPropertyNames().stream().map(String::valueOf).toList();
                found.add(UnknownProperties.Unknown.of(path(parser), name, known));
            }
            else {
                more++;
            }
            parser.skipChildren();
            return true;
        }

        /** E.g. {@code versions[0].sorce}: the parser stands on the unknown property's value. */
        private static String path(JsonParser parser) {
            TokenStreamContext context = parser.streamReadContext();
            JsonToken token = parser.currentToken();
            if (token != null && token.isStructStart()) {
                context = context.getParent(); // the value's own object or array is open already
            }
            List<String> segments = new ArrayList<>();
            for (; context != null && !context.inRoot(); context = context.getParent()) {
                segments.addFirst(context.inArray() ? "[" + context.getCurrentIndex() + "]" : "." + context.currentName());
            }
            String path = String.join("", segments);
            return path.startsWith(".") ? path.substring(1) : path;
        }
    }
}
