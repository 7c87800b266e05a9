package io.tfgrpo.llm;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An error's text as the ledger, {@code /api/models} and a failed call's problem show it: one line, at most
 * {@link #MAX_LENGTH} characters, and nothing that looks like a secret. A model server's error may quote what it
 * was sent (the API key, a signed URL), and an I/O error may name a URL with its credentials or query.
 */
final class ErrorText {

    static final int MAX_LENGTH = 500;

    static final String HIDDEN = "(hidden)";

    /** Scheme, then user info (dropped), then host and path (kept), then query and fragment (dropped). */
    private static final Pattern URL = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)(?:[^/?#\\s@]*@)?([^?#\\s]*)([?#]\\S*)?");

    private static final Pattern BEARER = Pattern.compile("(?i)\\b(bearer|basic)\\s+[^\\s,;\"']+");

    private static final Pattern NAMED_SECRET = Pattern.compile(
            "(?i)\\b(api[-_]?key|access[-_]?token|refresh[-_]?token|token|secret|password|passwd|key|sig|signature|"
                    + "authorization)([\"']?\\s*[=:]\\s*[\"']?)[^\\s&,;\"']+");

    /** Shapes of well-known keys: OpenAI-style {@code sk-}, this service's {@code tfg_}, Google's, JWTs. */
    private static final Pattern KEY_SHAPES = Pattern.compile(
            "\\b(?:sk-[A-Za-z0-9_-]{8,}|tfg_[A-Za-z0-9_-]{16,}|AIza[0-9A-Za-z_-]{20,}"
                    + "|eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*)");

    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}\\s]+");

    private ErrorText() {
    }

    /** {@code text} without secrets, {@code secret} (the profile's API key, if any) included; null stays null. */
    static String safe(String text, String secret) {
        if (text == null) {
            return null;
        }
        String safe = text.length() > 20 * MAX_LENGTH ? text.substring(0, 20 * MAX_LENGTH) : text;
        if (secret != null && secret.length() >= 4) {
            safe = safe.replace(secret, HIDDEN);
        }
        safe = URL.matcher(safe).replaceAll(url -> Matcher.quoteReplacement(url.group(1) + url.group(2)
                + (url.group(3) == null ? "" : "?" + HIDDEN)));
        safe = BEARER.matcher(safe).replaceAll("$1 " + HIDDEN);
        safe = NAMED_SECRET.matcher(safe).replaceAll("$1$2" + HIDDEN);
        safe = KEY_SHAPES.matcher(safe).replaceAll(HIDDEN);
        safe = CONTROL.matcher(safe).replaceAll(" ").strip();
        return safe.length() <= MAX_LENGTH ? safe : safe.substring(0, MAX_LENGTH - 3) + "...";
    }
}
