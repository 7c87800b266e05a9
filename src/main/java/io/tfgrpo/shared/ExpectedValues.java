package io.tfgrpo.shared;

import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.Collection;
import java.util.UUID;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a value of a Java type is called in the API's words ("an integer", "a UUID", "one of math, exact"), for
 * error messages that say what was expected without naming Java classes.
 */
final class ExpectedValues {

    private final JsonMapper json;

    ExpectedValues(JsonMapper json) {
        this.json = json;
    }

    String of(Class<?> type) {
        if (type == null) {
            return "a value of another kind";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(this::jsonName)
                    .collect(Collectors.joining(", "));
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class || type == Byte.class || type == byte.class
                || type == BigInteger.class) {
            return "an integer";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (CharSequence.class.isAssignableFrom(type) || type == Character.class || type == char.class) {
            return "a string";
        }
        if (type == UUID.class) {
            return "a UUID";
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "a timestamp such as 2026-01-31T12:00:00Z";
        }
        if (type == Duration.class) {
            return "a duration such as PT30S";
        }
        if (type == URI.class) {
            return "a URL";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (JsonNode.class.isAssignableFrom(type)) {
            return "JSON";
        }
        return "an object";
    }

    /** The range of a whole number that did not fit its type. */
    String range(Class<?> type) {
        if (type == Integer.class || type == int.class) {
            return "an integer from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE;
        }
        if (type == Long.class || type == long.class) {
            return "an integer from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE;
        }
        if (type == Short.class || type == short.class) {
            return "an integer from " + Short.MIN_VALUE + " to " + Short.MAX_VALUE;
        }
        return "a number of a smaller size";
    }

    /** As the constant is written in JSON (its {@code @JsonValue}, if it has one). */
    private String jsonName(Object constant) {
        JsonNode node = json.valueToTree(constant);
        return node.isString() ? node.stringValue() : node.toString();
    }
}
