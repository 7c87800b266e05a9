package io.tfgrpo.simulator;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A value valid against a JSON schema, as an LLM in structured-output mode would give: every property filled,
 * strings that read like the field they fill (lessons for {@code text}, analysis for {@code reason}, experience
 * codes from the prompt for {@code code}), bounds respected. Covers the subset of JSON Schema that structured
 * outputs allow: types (also nullable ones), enum, const, anyOf/oneOf (first non-null), allOf of objects,
 * {@code $ref} into {@code $defs}/{@code definitions}, min/max items, lengths and bounds.
 */
final class SchemaInstances {

    private static final int MAX_DEPTH = 12;

    private final JsonNode root;
    private final SplittableRandom random;
    private final ScalarValues scalars;

    private SchemaInstances(JsonNode root, SplittableRandom random, List<String> codes) {
        this.root = root;
        this.random = random;
        this.scalars = new ScalarValues(random, codes);
    }

    /** @param codes the experience codes the request mentions; {@code code} fields take theirs from here */
    static JsonNode instance(JsonNode schema, SplittableRandom random, List<String> codes) {
        return new SchemaInstances(schema, random, codes).value(schema, "", 0);
    }

    private JsonNode value(JsonNode schema, String name, int depth) {
        schema = resolve(schema);
        if (!schema.isObject()) {
            return Json.NODES.stringNode(scalars.string(Json.NODES.objectNode(), name));
        }
        if (schema.has("const")) {
            return schema.get("const");
        }
        if (schema.path("enum").isArray() && !schema.get("enum").isEmpty()) {
            return scalars.choice(schema.get("enum"));
        }
        for (String keyword : List.of("anyOf", "oneOf")) {
            if (schema.path(keyword).isArray() && !schema.get(keyword).isEmpty()) {
                return value(firstNonNull(schema.get(keyword)), name, depth + 1);
            }
        }
        if (schema.path("allOf").isArray()) {
            return value(merged(schema), name, depth + 1);
        }
        return switch (type(schema)) {
            case "object" -> object(schema, depth);
            case "array" -> array(schema, name, depth);
            case "integer" -> Json.NODES.numberNode(scalars.integer(schema));
            case "number" -> Json.NODES.numberNode(scalars.number(schema));
            case "boolean" -> Json.NODES.booleanNode(random.nextBoolean());
            case "null" -> Json.NODES.nullNode();
            default -> Json.NODES.stringNode(scalars.string(schema, name));
        };
    }

    private ObjectNode object(JsonNode schema, int depth) {
        ObjectNode object = Json.NODES.objectNode();
        Set<String> required = new HashSet<>();
        schema.path("required").values().forEach(field -> required.add(field.asString()));
        for (var property : schema.path("properties").properties()) {
            // past the depth limit only what is required, so that recursive schemas end
            if (depth < MAX_DEPTH || required.contains(property.getKey())) {
                object.set(property.getKey(), value(property.getValue(), property.getKey(), depth + 1));
            }
        }
        JsonNode extra = schema.path("additionalProperties");
        for (String field : required) {
            if (!object.has(field)) {
                object.set(field, value(extra.isObject() ? extra : Json.NODES.objectNode(), field, depth + 1));
            }
        }
        return object;
    }

    /** One or two items unless the schema says otherwise; an array is named after what it holds. */
    private ArrayNode array(JsonNode schema, String name, int depth) {
        int min = schema.path("minItems").asInt(0);
        int max = schema.has("maxItems") ? schema.get("maxItems").asInt() : Integer.MAX_VALUE;
        int low = Math.max(min, Math.min(1, max));
        int high = depth < MAX_DEPTH ? Math.max(low, Math.min(max, 2)) : low;
        int count = low + random.nextInt(high - low + 1);
        JsonNode items = schema.path("items").isArray() ? schema.get("items").path(0) : schema.path("items");
        boolean unique = schema.path("uniqueItems").asBoolean(false);
        ArrayNode array = Json.NODES.arrayNode();
        Set<JsonNode> seen = new HashSet<>();
        for (int attempt = 0; array.size() < count && attempt < count * 10; attempt++) {
            JsonNode item = value(items.isMissingNode() ? Json.NODES.objectNode() : items, name, depth + 1);
            if (!unique || seen.add(item)) {
                array.add(item);
            }
        }
        return array;
    }

    private JsonNode resolve(JsonNode schema) {
        for (int hops = 0; hops < 16 && schema.isObject() && schema.path("$ref").isString(); hops++) {
            String ref = schema.get("$ref").stringValue();
            if (!ref.startsWith("#")) {
                throw new IllegalArgumentException("only local $refs are supported, not " + ref);
            }
            schema = root.at(ref.substring(1));
        }
        return schema;
    }

    private JsonNode firstNonNull(JsonNode alternatives) {
        for (JsonNode alternative : alternatives.values()) {
            if (!"null".equals(Json.text(resolve(alternative).get("type"), null))) {
                return alternative;
            }
        }
        return alternatives.get(0);
    }

    /** allOf as used in practice: object parts whose properties and required lists add up. */
    private JsonNode merged(JsonNode schema) {
        ObjectNode merged = ((ObjectNode) schema).deepCopy();
        merged.remove("allOf");
        ObjectNode properties = merged.withObjectProperty("properties");
        ArrayNode required = merged.withArrayProperty("required");
        List<JsonNode> parts = new ArrayList<>();
        schema.get("allOf").values().forEach(part -> parts.add(resolve(part)));
        for (JsonNode part : parts) {
            part.path("properties").properties().forEach(p -> properties.set(p.getKey(), p.getValue()));
            part.path("required").values().forEach(required::add);
            if (part.has("type") && !merged.has("type")) {
                merged.set("type", part.get("type"));
            }
        }
        return merged;
    }

    /** The declared type (the first non-null one of a list), else the one its keywords imply. */
    private static String type(JsonNode schema) {
        JsonNode type = schema.get("type");
        if (type != null && type.isString()) {
            return type.stringValue();
        }
        if (type != null && type.isArray()) {
            for (JsonNode candidate : type.values()) {
                if (!"null".equals(candidate.asString())) {
                    return candidate.asString();
                }
            }
            return "null";
        }
        return schema.has("properties") ? "object" : schema.has("items") ? "array" : "string";
    }
}
