package io.tfgrpo.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Reference answers from a JSONL file shaped like the datasets ({@code problem}, or {@code question}/{@code prompt},
 * and {@code answer}). A message matches a problem when it contains the problem's text, whitespace normalised, so
 * the problem may be wrapped in instructions or followed by experiences.
 */
final class AnswerKey {

    static final AnswerKey NONE = new AnswerKey(List.of());

    private static final List<String> PROBLEM_FIELDS = List.of("problem", "question", "prompt");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    /** A problem (whitespace normalised) and its reference answer. */
    record Entry(String problem, String answer) {
    }

    private final Map<String, Entry> byProblem = new HashMap<>();
    private final List<Entry> longestFirst;

    private AnswerKey(List<Entry> entries) {
        entries.forEach(entry -> byProblem.putIfAbsent(entry.problem(), entry));
        // the longest match wins when one problem's text contains another's
        longestFirst = entries.stream().sorted(Comparator.comparingInt((Entry e) -> e.problem().length()).reversed())
                .toList();
    }

    static AnswerKey load(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Could not read the answers file " + file, e);
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (!line.isEmpty()) {
                entry(file, i + 1, line).ifPresent(entries::add);
            }
        }
        return new AnswerKey(entries);
    }

    /** Lines without a problem or an answer are skipped: they say nothing about what is right. */
    private static Optional<Entry> entry(Path file, int lineNumber, String line) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(line.startsWith("\uFEFF") ? line.substring(1) : line);
        }
        catch (JacksonException e) {
            throw new IllegalArgumentException(file + " line " + lineNumber + " is not JSON: "
                    + e.getOriginalMessage());
        }
        String problem = PROBLEM_FIELDS.stream().map(field -> Json.text(node.get(field), null))
                .filter(text -> text != null && !text.isBlank()).findFirst().orElse(null);
        JsonNode answer = node.get("answer");
        if (problem == null || answer == null || !(answer.isString() || answer.isNumber())) {
            return Optional.empty();
        }
        return Optional.of(new Entry(normalise(problem), answer.asString().strip()));
    }

    Optional<Entry> find(String message) {
        if (longestFirst.isEmpty()) {
            return Optional.empty();
        }
        String text = normalise(message);
        Entry exact = byProblem.get(text);
        if (exact != null) {
            return Optional.of(exact);
        }
        return longestFirst.stream().filter(entry -> text.contains(entry.problem())).findFirst();
    }

    int size() {
        return byProblem.size();
    }

    static String normalise(String text) {
        return WHITESPACE.matcher(text.strip()).replaceAll(" ");
    }
}
