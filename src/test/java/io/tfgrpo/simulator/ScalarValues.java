package io.tfgrpo.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

/** Strings, numbers and enum choices for {@link SchemaInstances}, shaped by the field's name and bounds. */
final class ScalarValues {

    private static final List<String> LESSON_WORDS = List.of("text", "experience", "lesson", "insight", "rule",
            "principle", "guideline", "tip");
    private static final List<String> REASON_WORDS = List.of("reason", "analysis", "summary", "explanation",
            "rationale", "justification", "critique", "feedback", "comment", "thought", "description", "note");
    /** Operations that need an existing experience; pointless while the prompt shows none. */
    private static final Set<String> EDITS = Set.of("UPDATE", "DELETE");

    private final SplittableRandom random;
    private final List<String> codes;

    ScalarValues(SplittableRandom random, List<String> codes) {
        this.random = random;
        this.codes = codes;
    }

    String string(JsonNode schema, String name) {
        String value = switch (Json.text(schema.get("format"), "")) {
            case "date-time" -> "2026-01-01T00:00:00Z";
            case "date" -> "2026-01-01";
            case "uuid" -> new UUID(random.nextLong(), random.nextLong()).toString();
            case "email" -> "simulator@example.com";
            case "uri" -> "https://example.com/simulator";
            default -> byName(name.toLowerCase(Locale.ROOT));
        };
        int min = schema.path("minLength").asInt(0);
        int max = schema.path("maxLength").asInt(Integer.MAX_VALUE);
        value = Prose.fit(value, max);
        while (value.length() < min) {
            value = value + " " + Prose.phrase(random);
        }
        // only a minLength close to maxLength gets here: a hard cut then
        return value.length() > max ? value.substring(0, max) : value;
    }

    private String byName(String name) {
        if (name.equals("code") || name.endsWith("code") || name.endsWith("codes")) {
            return codes.isEmpty() ? "E1" : Prose.pick(codes, random);
        }
        if (LESSON_WORDS.stream().anyMatch(name::contains)) {
            return Prose.lesson(random);
        }
        if (REASON_WORDS.stream().anyMatch(name::contains)) {
            return Prose.analysis(random);
        }
        return Prose.phrase(random);
    }

    /** An enum value; UPDATE and DELETE only when the prompt shows experiences they could apply to. */
    JsonNode choice(JsonNode values) {
        List<JsonNode> choices = new ArrayList<>(values.values());
        if (codes.isEmpty() && choices.stream().anyMatch(v -> !EDITS.contains(v.asString()))) {
            choices.removeIf(v -> v.isString() && EDITS.contains(v.stringValue()));
        }
        return Prose.pick(choices, random);
    }

    long integer(JsonNode schema) {
        Double min = bound(schema, "minimum", "exclusiveMinimum");
        Double max = bound(schema, "maximum", "exclusiveMaximum");
        long low = min == null ? (max == null ? 0 : (long) Math.floor(max) - 10) : (long) Math.ceil(min);
        long high = max == null ? low + 10 : (long) Math.floor(max);
        if (min != null && schema.path("exclusiveMinimum").isNumber() && low == min) {
            low++;
        }
        if (max != null && schema.path("exclusiveMaximum").isNumber() && high == max) {
            high--;
        }
        return high <= low ? low : random.nextLong(low, high + 1);
    }

    double number(JsonNode schema) {
        Double min = bound(schema, "minimum", "exclusiveMinimum");
        Double max = bound(schema, "maximum", "exclusiveMaximum");
        double low = min == null ? (max == null ? 0 : max - 1) : min;
        double high = max == null ? low + 1 : max;
        double value = Math.round((low + random.nextDouble() * (high - low)) * 100) / 100.0;
        // rounding may land on an exclusive bound; the middle never does
        return value <= low && schema.has("exclusiveMinimum") || value >= high && schema.has("exclusiveMaximum")
                || value < low || value > high ? (low + high) / 2 : value;
    }

    /** The inclusive or exclusive bound (draft 6+ numeric form), whichever is given. */
    private static Double bound(JsonNode schema, String inclusive, String exclusive) {
        if (schema.path(exclusive).isNumber()) {
            return schema.get(exclusive).asDouble();
        }
        return schema.path(inclusive).isNumber() ? schema.get(inclusive).asDouble() : null;
    }
}
