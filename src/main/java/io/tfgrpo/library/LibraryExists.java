package io.tfgrpo.library;

import org.springframework.http.HttpStatus;

import io.tfgrpo.shared.ApiProblem;

public final class LibraryExists extends ApiProblem {

    private LibraryExists(String name) {
        super(HttpStatus.CONFLICT, "library-exists", "Library already exists",
                "A library named '" + name + "' already exists");
        with("library", name);
    }

    public static LibraryExists named(String name) {
        return new LibraryExists(name);
    }
}
