package io.tfgrpo.shared;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The API key behind the request on this thread, as Spring Security holds it: for limits counted per key and for
 * what only some scopes may see. Off the request thread (a job, a stream's own thread) there is no caller, which
 * grants nothing.
 */
public final class CurrentCaller {

    private CurrentCaller() {
    }

    /** The key's id, which limits per key count under; {@code anonymous} when there is no key. */
    public static String key() {
        Authentication authentication = authentication();
        if (authentication == null) {
            return "anonymous";
        }
        return authentication.getDetails() instanceof KeyGrants grants ? grants.key() : authentication.getName();
    }

    /** The libraries and model profiles the key may use; off a request, no limits (the work was allowed when it began). */
    public static KeyGrants grants() {
        Authentication authentication = authentication();
        return authentication != null && authentication.getDetails() instanceof KeyGrants grants ? grants
                : KeyGrants.ALL;
    }

    /** Whether the key has that scope ({@code admin}, {@code train}, {@code infer}). */
    public static boolean hasScope(String scope) {
        Authentication authentication = authentication();
        return authentication != null && authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .anyMatch(("SCOPE_" + scope)::equals);
    }

    private static Authentication authentication() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.isAuthenticated() ? authentication : null;
    }
}
