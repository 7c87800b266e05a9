package io.tfgrpo.shared;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One thing wrong with a request: where (a field path or a line of an upload) and what. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FieldError(String field, Integer line, String message) {

    public static FieldError field(String field, String message) {
        return new FieldError(field, null, message);
    }

    public static FieldError line(int line, String field, String message) {
        return new FieldError(field, line, message);
    }
}
