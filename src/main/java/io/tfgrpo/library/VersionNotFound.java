package io.tfgrpo.library;

import org.springframework.http.HttpStatus;

import io.tfgrpo.shared.ApiProblem;
import io.tfgrpo.shared.ErrorResponses.Samples;

public final class VersionNotFound extends ApiProblem {

    private VersionNotFound(String library, int version) {
        super(HttpStatus.NOT_FOUND, "version-not-found", "Library version not found",
                "Library '" + library + "' has no version " + version);
        with("library", library);
        with("version", version);
    }

    public static VersionNotFound of(String library, int version) {
        return new VersionNotFound(library, version);
    }

    /** For the API description. */
    static VersionNotFound example() {
        return of(Samples.LIBRARY, 7);
    }
}
