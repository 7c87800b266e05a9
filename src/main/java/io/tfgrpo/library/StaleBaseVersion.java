package io.tfgrpo.library;

import org.springframework.http.HttpStatus;

import io.tfgrpo.shared.ApiProblem;
import io.tfgrpo.shared.ErrorResponses.Samples;

/** 409: an edit was based on a version that is no longer the latest, so applying it would lose an update. */
public final class StaleBaseVersion extends ApiProblem {

    private StaleBaseVersion(String library, int baseVersion, int latestVersion) {
        super(HttpStatus.CONFLICT, "stale-base-version", "Base version is not the latest",
                "The edit is based on version " + baseVersion + " of '" + library + "' but the latest is "
                        + latestVersion + "; read version " + latestVersion + " and apply your edit to it");
        with("library", library);
        with("field", "baseVersion");
        with("baseVersion", baseVersion);
        with("latestVersion", latestVersion);
    }

    public static StaleBaseVersion of(String library, int baseVersion, int latestVersion) {
        return new StaleBaseVersion(library, baseVersion, latestVersion);
    }

    /** For the API description. */
    static StaleBaseVersion example() {
        return of(Samples.LIBRARY, 2, 3);
    }
}
