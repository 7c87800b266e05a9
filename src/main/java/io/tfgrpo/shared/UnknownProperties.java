package io.tfgrpo.shared;

import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

import org.springframework.http.HttpStatus;

/**
 * 400: a request body has properties its type does not: a misspelt option would otherwise be dropped in silence
 * and the request served with the default. Names each (up to a limit), with the known property it most likely meant.
 */
final class UnknownProperties extends ApiProblem {

    /** One unknown property: where it is, and the known one it most likely meant, if any. */
    record Unknown(String path, String suggestion) {

        static Unknown of(String path, String name, Collection<String> known) {
            return new Unknown(path, NearestName.among(name, known).orElse(null));
        }

        String described() {
            return path + (suggestion == null ? "" : " (did you mean " + suggestion + "?)");
        }

        FieldError error() {
            return FieldError.field(path, "is not a property of this request"
                    + (suggestion == null ? "" : "; did you mean " + suggestion + "?"));
        }
    }

    UnknownProperties(List<Unknown> unknown, int more) {
        super(HttpStatus.BAD_REQUEST, "unknown-property", "Unknown property", detail(unknown, more));
        with("errors", unknown.stream().map(Unknown::error).toList());
        with("field", unknown.getFirst().path());
    }

    private static String detail(List<Unknown> unknown, int more) {
        String named = unknown.stream().map(Unknown::described).collect(Collectors.joining(", "));
        return (unknown.size() + more == 1 ? "Unknown property " : "Unknown properties: ") + named
                + (more > 0 ? " (and " + more + " more)" : "")
                + "; the API description (/v3/api-docs) lists the properties of each request";
    }
}
