package io.tfgrpo.reward;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How answers are scored, as a request states it: {@code {"type": "regex", "pattern": "Answer: (?<answer>\\d+)"}}.
 *
 * @param type          which verifier
 * @param caseSensitive exact and regex: compare case-sensitively (default false)
 * @param pattern       regex: a Java regular expression; a named group {@code answer} is compared to the reference
 * @param profile       llm-judge: the model profile of the judge
 * @param rubric        llm-judge: what the judge is told to look for (optional)
 * @param url           webhook: where attempts are posted for scoring
 * @param graded        llm-judge: a score in [0, 1] instead of the paper's binary verdict (CORRECT 1, INCORRECT 0;
 *                      default false)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VerifierSpec(Type type, Boolean caseSensitive, String pattern, String profile, String rubric,
        String url, Boolean graded) {

    /** A spec without {@code graded} (a judge gives its binary verdict). */
    public VerifierSpec(Type type, Boolean caseSensitive, String pattern, String profile, String rubric, String url) {
        this(type, caseSensitive, pattern, profile, rubric, url, null);
    }

    public enum Type {
        MATH, EXACT, REGEX, LLM_JUDGE, WEBHOOK;

        /** Accepts the JSON names ({@code llm-judge}) in any case, and the constant names too. */
        @JsonCreator
        public static Type of(String name) {
            String wanted = name == null ? "" : name.strip().toLowerCase(Locale.ROOT).replace('_', '-');
            return Arrays.stream(values()).filter(type -> type.jsonName().equals(wanted)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(
                            "unknown verifier type '" + name + "'; one of " + names()));
        }

        @JsonValue
        public String jsonName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        static List<String> names() {
            return Arrays.stream(values()).map(Type::jsonName).toList();
        }
    }

    public static VerifierSpec math() {
        return new VerifierSpec(Type.MATH, null, null, null, null, null);
    }

    /**
     * The spec as any caller may see it: a webhook's URL without what may be a secret in it (a token in the query,
     * credentials, a fragment). Only an admin sees the URL whole.
     */
    public VerifierSpec withoutSecrets() {
        return url == null ? this
                : new VerifierSpec(type, caseSensitive, pattern, profile, rubric, withoutSecrets(url), graded);
    }

    /** A URL without credentials, query and fragment. */
    private static String withoutSecrets(String url) {
        try {
            URI uri = new URI(url.strip());
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null).toString();
        }
        catch (java.net.URISyntaxException e) {
            return "(not shown)";
        }
    }

    /** What is wrong with this spec, each as {@code verifier.<field>: <message>}; empty when it can be used. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (type == null) {
            problems.add("verifier.type: is required; one of " + Type.names());
            return problems;
        }
        String kind = "the " + type.jsonName() + " verifier";
        if (type == Type.REGEX) {
            if (pattern == null || pattern.isEmpty()) {
                problems.add("verifier.pattern: is required for " + kind);
            }
            else {
                try {
                    Pattern.compile(pattern);
                }
                catch (PatternSyntaxException e) {
                    problems.add("verifier.pattern: does not compile: " + e.getDescription() + " near index "
                            + e.getIndex());
                }
            }
        }
        if (type == Type.LLM_JUDGE && (profile == null || profile.isBlank())) {
            problems.add("verifier.profile: is required for " + kind);
        }
        if (type == Type.WEBHOOK) {
            if (url == null || url.isBlank()) {
                problems.add("verifier.url: is required for " + kind);
            }
            else if (!isHttpUrl(url)) {
                problems.add("verifier.url: must be an absolute http or https URL");
            }
        }
        // a field the type ignores is most likely a mistake in the type
        unused(problems, "caseSensitive", caseSensitive, kind, Type.EXACT, Type.REGEX);
        unused(problems, "pattern", pattern, kind, Type.REGEX);
        unused(problems, "profile", profile, kind, Type.LLM_JUDGE);
        unused(problems, "rubric", rubric, kind, Type.LLM_JUDGE);
        unused(problems, "url", url, kind, Type.WEBHOOK);
        unused(problems, "graded", graded, kind, Type.LLM_JUDGE);
        return problems;
    }

    /** Whether attempts must carry a reference answer (or, without ground truth, a consensus label). */
    public boolean needsReferenceAnswer() {
        return switch (type) {
            case MATH, EXACT -> true;
            case REGEX -> {
                Pattern compiled = compiledPattern();
                yield compiled != null && RegexVerifier.hasAnswerGroup(compiled);
            }
            case LLM_JUDGE, WEBHOOK -> false;
            case null -> false;
        };
    }

    boolean gradedOrDefault() {
        return Boolean.TRUE.equals(graded);
    }

    boolean caseSensitiveOrDefault() {
        return Boolean.TRUE.equals(caseSensitive);
    }

    /** The compiled pattern, or null when there is none or it does not compile. */
    Pattern compiledPattern() {
        try {
            return pattern == null ? null : Pattern.compile(pattern);
        }
        catch (PatternSyntaxException e) {
            return null;
        }
    }

    private void unused(List<String> problems, String field, Object value, String kind, Type... users) {
        if (value != null && !Arrays.asList(users).contains(type)) {
            problems.add("verifier." + field + ": does not apply to " + kind);
        }
    }

    private static boolean isHttpUrl(String url) {
        try {
            URI uri = new URI(url.strip());
            return uri.isAbsolute() && uri.getHost() != null
                    && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()));
        }
        catch (java.net.URISyntaxException e) {
            return false;
        }
    }
}
