package io.tfgrpo.shared;

import org.springframework.http.converter.HttpMessageNotReadableException;

import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.exc.ValueInstantiationException;

/**
 * What is wrong with a request body that could not be read, in the API's words: where ({@code verifier.type},
 * {@code versions[0].source}, or the body itself) and what was expected there. Jackson's own messages name Java
 * classes and its internals, so none of them is passed on except for malformed JSON.
 */
final class BodyErrors {

    private final ExpectedValues expected;

    BodyErrors(ExpectedValues expected) {
        this.expected = expected;
    }

    FieldError of(HttpMessageNotReadableException unreadable) {
        if (!(unreadable.getCause() instanceof JacksonException error)) {
            return FieldError.field(null, "the request body is missing or unreadable; send a JSON object");
        }
        String path = path(error);
        return switch (error) {
            case UnrecognizedPropertyException unknown -> UnknownProperties.Unknown.of(path, unknown.getPropertyName(),
                    unknown.getKnownPropertyIds().stream().map(String::valueOf).toList()).error();
            case InputCoercionException outOfRange -> at(path, "is out of range: must be "
                    + expected.range(outOfRange.getTargetType()));
            case MismatchedInputException mismatch -> at(path, "must be " + expected.of(mismatch.getTargetType()));
            case ValueInstantiationException refused -> at(path, "must be " + expected.of(refused.getType()
                    .getRawClass()));
            default -> FieldError.field(null, JsonErrors.malformed(error, true));
        };
    }

    private static FieldError at(String path, String message) {
        return path.isEmpty() ? FieldError.field(null, "the request body " + message) : FieldError.field(path, message);
    }

    /** E.g. {@code versions[0].source}; empty for the body itself. */
    private static String path(JacksonException error) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : error.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            }
            else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
