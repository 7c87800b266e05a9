package io.tfgrpo.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.tfgrpo.shared.FieldError;
import io.tfgrpo.shared.JsonErrors;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a JSONL upload line by line: each non-blank line is one object with a problem ({@code problem}, or its
 * aliases {@code question} and {@code prompt}), an optional {@code answer} and {@code id}; every other field is
 * kept as metadata. Valid items are handed on while the upload is still error-free; errors are collected, with
 * their line, up to a limit.
 */
final class JsonlReader {

    static final List<String> PROBLEM_FIELDS = List.of("problem", "question", "prompt");
    private static final int MAX_ID_LENGTH = 500;

    private static final JsonMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    record Item(int ordinal, String externalId, String problem, String answer, String metadataJson) {
    }

    record Result(List<FieldError> errors, int items, int answered) {
    }

    private final int maxErrors;
    private final List<FieldError> errors = new ArrayList<>();
    private final Map<String, Integer> lineOfId = new HashMap<>();
    private int items;
    private int answered;

    private JsonlReader(int maxErrors) {
        this.maxErrors = maxErrors;
    }

    static Result read(InputStream in, int maxErrors, Consumer<Item> sink) {
        return new JsonlReader(maxErrors).readAll(in, sink);
    }

    private Result readAll(InputStream in, Consumer<Item> sink) {
        var lines = new Utf8Lines(in);
        try {
            Utf8Lines.Line line;
            while (errors.size() < maxErrors && (line = lines.next()) != null) {
                String text = line.text();
                if (text == null) {
                    errors.add(FieldError.line(line.number(), null, "is not valid UTF-8"));
                    continue;
                }
                if (line.number() == 1 && text.startsWith("\uFEFF")) {
                    text = text.substring(1);
                }
                if (!text.isBlank()) {
                    readLine(line.number(), text, sink);
                }
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("Could not read the upload", e);
        }
        if (errors.isEmpty() && items == 0) {
            errors.add(FieldError.line(1, null, "the file holds no items (it is empty or blank)"));
        }
        return new Result(List.copyOf(errors), items, answered);
    }

    private void readLine(int lineNumber, String line, Consumer<Item> sink) {
        JsonNode node;
        try {
            node = STRICT.readTree(line);
        }
        catch (JacksonException e) {
            errors.add(FieldError.line(lineNumber, null, JsonErrors.malformed(e, false)));
            return;
        }
        if (!(node instanceof ObjectNode object)) {
            errors.add(FieldError.line(lineNumber, null, "must be a JSON object, not " + node.getNodeType()));
            return;
        }
        int errorsBefore = errors.size();
        String problem = problem(lineNumber, object);
        String answer = scalar(lineNumber, object, "answer");
        String id = scalar(lineNumber, object, "id");
        if (id != null && id.length() > MAX_ID_LENGTH) {
            errors.add(FieldError.line(lineNumber, "id", "is longer than " + MAX_ID_LENGTH + " characters"));
        }
        if (id != null) {
            Integer firstLine = lineOfId.putIfAbsent(id, lineNumber);
            if (firstLine != null) {
                errors.add(FieldError.line(lineNumber, "id", "duplicate id '" + id + "' (first on line " + firstLine + ")"));
            }
        }
        if (errors.size() > errorsBefore) {
            return;
        }
        int ordinal = items++;
        if (answer != null) {
            answered++;
        }
        if (errors.isEmpty()) {
            sink.accept(new Item(ordinal, id, problem, answer, STRICT.writeValueAsString(object)));
        }
    }

    /** Takes the problem text out of the object; the aliases that were not used stay as metadata. */
    private String problem(int lineNumber, ObjectNode object) {
        for (String field : PROBLEM_FIELDS) {
            JsonNode value = object.get(field);
            if (value != null && !value.isNull()) {
                object.remove(field);
                if (!value.isString() || value.stringValue().isBlank()) {
                    errors.add(FieldError.line(lineNumber, field, "must be a non-blank string"));
                    return null;
                }
                return value.stringValue();
            }
        }
        errors.add(FieldError.line(lineNumber, "problem", "is missing (also accepted as 'question' or 'prompt')"));
        return null;
    }

    private String scalar(int lineNumber, ObjectNode object, String field) {
        JsonNode value = object.remove(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isString() || value.isNumber() || value.isBoolean()) {
            return value.asString();
        }
        errors.add(FieldError.line(lineNumber, field, "must be a string or a number"));
        return null;
    }
}
