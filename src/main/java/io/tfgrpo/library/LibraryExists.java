package io.tfgrpo.library;

import org.springframework.http.HttpStatus;

import io.tfgrpo.shared.ApiProblem;
import io.tfgrpo.shared.ErrorResponses.Samples;

final class LibraryExists extends ApiProblem {

    private LibraryExists(String name) {
        super(HttpStatus.CONFLICT, "library-exists", "Library already exists",
                "A library named '" + name + "' already exists");
        with("library", name);
    }

    public static LibraryExists named(String name) {
        return new LibraryExists(name);
    }

    /** For the API description. */
    static LibraryExists example() {
        return named(Samples.LIBRARY);
    }
}
