package io.tfgrpo.shared;

import java.util.Set;
import java.util.TreeSet;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The libraries and model profiles the current request's API key may use: an empty set allows every one. The
 * access module attaches them to the request's authentication; the modules that serve a library or call a model
 * ask here, so they need not know about keys.
 */
public record KeyGrants(Set<String> libraries, Set<String> models) {

    /** No limits: a key created without allow-lists, the bootstrap key, and work that no request started. */
    public static final KeyGrants ALL = new KeyGrants(Set.of(), Set.of());

    public KeyGrants {
        libraries = Set.copyOf(new TreeSet<>(libraries));
        models = Set.copyOf(new TreeSet<>(models));
    }

    /** The grants of the request this thread serves. */
    public static KeyGrants current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getDetails() instanceof KeyGrants grants ? grants : ALL;
    }

    public boolean allowsLibrary(String name) {
        return libraries.isEmpty() || libraries.contains(name);
    }

    public boolean allowsModel(String profile) {
        return models.isEmpty() || models.contains(profile);
    }
}
