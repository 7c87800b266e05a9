package io.tfgrpo.shared;

import java.util.List;

import org.springframework.http.HttpStatus;

/** 400: the request is well-formed but its content is wrong; lists what and where. */
public class InvalidRequest extends ApiProblem {

    public InvalidRequest(String type, String title, List<FieldError> errors) {
        super(HttpStatus.BAD_REQUEST, type, title, summary(errors));
        with("errors", errors);
        FieldError first = errors.getFirst();
        if (first.line() != null) {
            with("line", first.line());
        }
        if (first.field() != null) {
            with("field", first.field());
        }
    }

    public static InvalidRequest of(String field, String message) {
        return new InvalidRequest("invalid-request", "Invalid request", List.of(FieldError.field(field, message)));
    }

    private static String summary(List<FieldError> errors) {
        FieldError first = errors.getFirst();
        String where = first.line() != null ? "line " + first.line() + ": "
                : first.field() != null ? first.field() + ": " : "";
        String more = errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : "";
        return where + first.message() + more;
    }
}
