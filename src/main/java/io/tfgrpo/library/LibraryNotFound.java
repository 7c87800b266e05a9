package io.tfgrpo.library;

import org.springframework.http.HttpStatus;

import io.tfgrpo.shared.ApiProblem;
import io.tfgrpo.shared.ErrorResponses.Samples;

public final class LibraryNotFound extends ApiProblem {

    private LibraryNotFound(String name) {
        super(HttpStatus.NOT_FOUND, "library-not-found", "Library not found", "No library is named '" + name + "'");
        with("library", name);
    }

    public static LibraryNotFound named(String name) {
        return new LibraryNotFound(name);
    }

    /** For the API description. */
    static LibraryNotFound example() {
        return named(Samples.LIBRARY);
    }
}
