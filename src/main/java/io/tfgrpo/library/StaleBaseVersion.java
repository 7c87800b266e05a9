package io.tfgrpo.library;

import org.springframework.http.HttpStatus;

import io.tfgrpo.shared.ApiProblem;
import io.tfgrpo.shared.ErrorResponses.Samples;

/**
 * 409: a manual edit was based on a version that someone already edited (it has a child), so applying it would
 * silently fork the library; the edit names the child to build on, or asks for a branch on purpose.
 */
final class StaleBaseVersion extends ApiProblem {

    private StaleBaseVersion(String library, int baseVersion, int childVersion, int latestVersion) {
        super(HttpStatus.CONFLICT, "stale-base-version", "Base version was already edited",
                "Version " + baseVersion + " of '" + library + "' was already edited into version " + childVersion
                        + "; read version " + childVersion + " and apply your edit to it, or send \"branch\": true "
                        + "to make a sibling of it on purpose");
        with("library", library);
        with("field", "baseVersion");
        with("baseVersion", baseVersion);
        with("childVersion", childVersion);
        with("latestVersion", latestVersion);
    }

    /** {@code childVersion}: the newest version made from {@code baseVersion}. */
    public static StaleBaseVersion of(String library, int baseVersion, int childVersion, int latestVersion) {
        return new StaleBaseVersion(library, baseVersion, childVersion, latestVersion);
    }

    /** For the API description. */
    static StaleBaseVersion example() {
        return of(Samples.LIBRARY, 2, 3, 4);
    }
}
