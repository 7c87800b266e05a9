package io.tfgrpo.shared;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.core.io.ClassPathResource;

/**
 * A prompt kept as a resource under {@code prompts/}, with {@code {{name}}} placeholders. Double braces leave
 * JSON in prompts untouched; a placeholder without a value is an error, not an empty string.
 */
public record PromptTemplate(String name, String text) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-zA-Z][a-zA-Z0-9_]*)}}");

    public static PromptTemplate load(String name) {
        try (var in = new ClassPathResource("prompts/" + name).getInputStream()) {
            return new PromptTemplate(name, new String(in.readAllBytes(), StandardCharsets.UTF_8).strip());
        }
        catch (IOException e) {
            throw new UncheckedIOException("No prompt resource prompts/" + name, e);
        }
    }

    /** The names of the template's placeholders. */
    public Set<String> placeholders() {
        Set<String> names = new TreeSet<>();
        PLACEHOLDER.matcher(text).results().forEach(match -> names.add(match.group(1)));
        return names;
    }

    public String render(Map<String, ?> values) {
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            Object value = values.get(matcher.group(1));
            if (value == null) {
                throw new IllegalArgumentException("Prompt " + name + " needs a value for {{" + matcher.group(1) + "}}");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value.toString()));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
