package io.tfgrpo.shared;

import java.util.Set;
import java.util.TreeSet;

/**
 * An API key as the other modules see it: its id (what limits per key count under) and the libraries and model
 * profiles it may use, an empty set allowing every one. The access module attaches it to the request's
 * authentication; {@link CurrentCaller} reads it, so the modules that serve a library or call a model need not know
 * about keys.
 *
 * @param key the key's id, {@code bootstrap} for the bootstrap key
 */
public record KeyGrants(String key, Set<String> libraries, Set<String> models) {

    /** No limits: work that no request started. */
    static final KeyGrants ALL = new KeyGrants("none", Set.of(), Set.of());

    public KeyGrants {
        libraries = Set.copyOf(new TreeSet<>(libraries));
        models = Set.copyOf(new TreeSet<>(models));
    }

    public boolean allowsLibrary(String name) {
        return libraries.isEmpty() || libraries.contains(name);
    }

    public boolean allowsModel(String profile) {
        return models.isEmpty() || models.contains(profile);
    }

    /** 403 {@code library-not-granted} unless the key may use the library. */
    public void requireLibrary(String name) {
        if (!allowsLibrary(name)) {
            throw NotGranted.library(name, libraries);
        }
    }

    /** 403 {@code model-not-granted} unless the key may call the profile (asked before the profile is looked up, so a
     * refusal does not tell whether it exists). */
    public void requireModel(String profile) {
        if (!allowsModel(profile)) {
            throw NotGranted.model(profile, models);
        }
    }
}
