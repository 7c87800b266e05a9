package io.tfgrpo.shared;

import tools.jackson.core.JacksonException;

/** Short, user-facing descriptions of JSON parse failures (Jackson's messages carry internals). */
public final class JsonErrors {

    private JsonErrors() {
    }

    /** E.g. "malformed JSON at line 1, column 12: Unexpected end-of-input". */
    public static String malformed(JacksonException e, boolean withLine) {
        String message = message(e);
        if (e.getLocation() == null || e.getLocation().getColumnNr() <= 0) {
            return "malformed JSON: " + message;
        }
        String where = withLine ? "line " + e.getLocation().getLineNr() + ", column " : "column ";
        return "malformed JSON at " + where + e.getLocation().getColumnNr() + ": " + message;
    }

    /** Jackson's own message without its source excerpt. */
    public static String message(JacksonException e) {
        return e.getOriginalMessage().replaceAll("\\s*\\(start marker at \\[Source.*$", "")
                .replaceAll("\\s*at \\[Source.*$", "");
    }
}
