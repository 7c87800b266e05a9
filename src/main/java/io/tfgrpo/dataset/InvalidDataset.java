package io.tfgrpo.dataset;

import java.util.List;

import io.tfgrpo.shared.FieldError;
import io.tfgrpo.shared.InvalidRequest;

/** 400: lines of an upload are wrong; the whole upload is refused and {@code errors} lists them with their line. */
final class InvalidDataset extends InvalidRequest {

    private InvalidDataset(List<FieldError> errors) {
        super("invalid-dataset", "Invalid dataset", errors);
    }

    static InvalidDataset lines(List<FieldError> errors) {
        return new InvalidDataset(errors);
    }

    /** For the API description. */
    static InvalidDataset example() {
        return lines(List.of(FieldError.line(3, null, "malformed JSON at column 41: Unexpected end-of-input"),
                FieldError.line(7, "problem", "is missing (also accepted as 'question' or 'prompt')")));
    }
}
