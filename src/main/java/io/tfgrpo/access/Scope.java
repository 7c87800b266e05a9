package io.tfgrpo.access;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What a key may do. Scopes do not imply one another: an admin-only key cannot train or infer. */
enum Scope {

    /** manage API keys (and read metrics) */
    ADMIN,
    /** datasets, libraries, training, evaluation, models and usage */
    TRAIN,
    /** inference: {@code /api/inference} and the OpenAI-compatible {@code /v1} */
    INFER;

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The authority Spring Security checks for this scope. */
    String authority() {
        return "SCOPE_" + label();
    }

    @JsonCreator
    static Scope of(String label) {
        for (Scope scope : values()) {
            if (scope.label().equals(label)) {
                return scope;
            }
        }
        throw new IllegalArgumentException("unknown scope '" + label + "' (admin, train or infer)");
    }
}
