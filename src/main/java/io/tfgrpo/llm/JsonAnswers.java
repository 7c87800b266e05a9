package io.tfgrpo.llm;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import org.springframework.ai.converter.BeanOutputConverter;
import org.springframework.stereotype.Component;

import io.tfgrpo.shared.JsonErrors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON answers of a given record type: the JSON Schema asked for (generated from the record by Spring AI), and
 * the parsing and Bean Validation of an answer, which either yields the value or says what is wrong with it.
 */
@Component
class JsonAnswers {

    /** The schema of a type, as JSON text and as a map (Ollama takes the map). */
    record Schema(String json, Map<String, Object> map) {
    }

    /** A parsed answer, or the problem that kept it from parsing. */
    record Parsed<T>(T value, String problem) {
        boolean ok() {
            return problem == null;
        }
    }

    private final JsonMapper json;
    private final Validator validator;
    private final Map<Class<?>, Schema> schemas = new ConcurrentHashMap<>();

    JsonAnswers(JsonMapper json, Validator validator) {
        this.json = json;
        this.validator = validator;
    }

    Schema schemaOf(Class<?> type) {
        return schemas.computeIfAbsent(type, t -> {
            // the title names the answer's kind, so that logs, proxies and the simulator can tell calls apart
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("title", t.getSimpleName());
            map.putAll(new BeanOutputConverter<>(t, json).getJsonSchemaMap());
            return new Schema(json.writeValueAsString(map), map);
        });
    }

    <T> Parsed<T> parse(String content, Class<T> type) {
        String text = stripFences(content);
        if (text.isEmpty()) {
            return new Parsed<>(null, "the reply is empty");
        }
        T value;
        try {
            value = json.readValue(text, type);
        }
        catch (JacksonException e) {
            return new Parsed<>(null, JsonErrors.malformed(e, true));
        }
        if (value == null) {
            return new Parsed<>(null, "the reply is JSON null");
        }
        Set<ConstraintViolation<T>> violations = validator.validate(value);
        if (!violations.isEmpty()) {
            return new Parsed<>(null, violations.stream().map(v -> v.getPropertyPath() + " " + v.getMessage())
                    .sorted().collect(Collectors.joining("; ")));
        }
        return new Parsed<>(value, null);
    }

    /** Models often wrap JSON in a Markdown code fence even when told not to. */
    private static String stripFences(String content) {
        String text = content == null ? "" : content.strip();
        if (text.startsWith("```")) {
            int firstLineEnd = text.indexOf('\n');
            int closing = text.lastIndexOf("```");
            if (firstLineEnd > 0 && closing > firstLineEnd) {
                text = text.substring(firstLineEnd + 1, closing).strip();
            }
        }
        return text;
    }
}
