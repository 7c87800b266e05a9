package io.tfgrpo.shared;

import java.util.Set;
import java.util.TreeSet;

import org.springframework.http.HttpStatus;

import io.tfgrpo.shared.ErrorResponses.Samples;

/** 403: the caller's API key has an allow-list of libraries or model profiles, and this one is not on it. */
public final class NotGranted extends ApiProblem {

    private NotGranted(String type, String title, String detail, String field, String name, Set<String> allowed) {
        super(HttpStatus.FORBIDDEN, type, title, detail);
        with(field, name);
        with("allowed", new TreeSet<>(allowed));
    }

    public static NotGranted library(String name, Set<String> allowed) {
        return new NotGranted("library-not-granted", "Library not granted to this key",
                "This API key may not use the library '" + name + "'", "library", name, allowed);
    }

    public static NotGranted model(String profile, Set<String> allowed) {
        return new NotGranted("model-not-granted", "Model profile not granted to this key",
                "This API key may not call the model profile '" + profile + "'", "model", profile, allowed);
    }

    /** For the API description. */
    public static NotGranted example() {
        return library(Samples.LIBRARY, Set.of("support-replies"));
    }
}
