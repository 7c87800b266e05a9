package io.tfgrpo.simulator;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * An independent check of a value against the JSON Schema subset structured outputs use, written for the tests
 * so that the simulator's schema-valid answers are not judged by the code that made them.
 */
final class SchemaCheck {

    private final JsonNode root;
    private final List<String> errors = new ArrayList<>();

    private SchemaCheck(JsonNode root) {
        this.root = root;
    }

    static List<String> errors(JsonNode schema, JsonNode value) {
        var check = new SchemaCheck(schema);
        check.check(schema, value, "$");
        return check.errors;
    }

    private void check(JsonNode schema, JsonNode value, String at) {
        while (schema.has("$ref")) {
            schema = root.at(schema.get("$ref").stringValue().substring(1));
        }
        if (schema.has("anyOf")) {
            boolean any = schema.get("anyOf").values().stream().anyMatch(s -> errors(root, s, value).isEmpty());
            require(any, at, "matches none of anyOf");
            return;
        }
        if (schema.has("enum")) {
            require(schema.get("enum").values().contains(value), at, "is not one of " + schema.get("enum"));
        }
        JsonNode type = schema.get("type");
        if (type != null) {
            List<String> types = type.isArray() ? type.values().stream().map(JsonNode::stringValue).toList()
                    : List.of(type.stringValue());
            require(types.stream().anyMatch(t -> is(t, value)), at, "is not of type " + types);
        }
        if (value.isObject()) {
            schema.path("required").values().forEach(r -> require(value.has(r.stringValue()), at, "lacks " + r));
            for (var property : value.properties()) {
                JsonNode sub = schema.path("properties").get(property.getKey());
                if (sub != null) {
                    check(sub, property.getValue(), at + "." + property.getKey());
                }
                else {
                    require(!schema.path("additionalProperties").isBoolean()
                            || schema.get("additionalProperties").booleanValue(), at, "has extra " + property.getKey());
                }
            }
        }
        if (value.isArray()) {
            require(value.size() >= schema.path("minItems").asInt(0), at, "has too few items");
            require(value.size() <= schema.path("maxItems").asInt(Integer.MAX_VALUE), at, "has too many items");
            for (int i = 0; i < value.size(); i++) {
                check(schema.path("items"), value.get(i), at + "[" + i + "]");
            }
        }
        if (value.isString()) {
            int length = value.stringValue().length();
            require(length <= schema.path("maxLength").asInt(Integer.MAX_VALUE), at, "is longer than maxLength");
            require(length >= schema.path("minLength").asInt(0), at, "is shorter than minLength");
        }
        if (value.isNumber()) {
            double number = value.asDouble();
            require(!schema.has("minimum") || number >= schema.get("minimum").asDouble(), at, "is below minimum");
            require(!schema.has("maximum") || number <= schema.get("maximum").asDouble(), at, "is above maximum");
        }
    }

    private static List<String> errors(JsonNode root, JsonNode schema, JsonNode value) {
        var check = new SchemaCheck(root);
        check.check(schema, value, "$");
        return check.errors;
    }

    private static boolean is(String type, JsonNode value) {
        return switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isString();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "null" -> value.isNull();
            default -> false;
        };
    }

    private void require(boolean condition, String at, String problem) {
        if (!condition) {
            errors.add(at + " " + problem);
        }
    }
}
