package io.tfgrpo.llm;

import java.util.Collection;

import org.springframework.http.HttpStatus;

import io.tfgrpo.shared.ApiProblem;

final class UnknownProfile extends ApiProblem {

    private UnknownProfile(String name, Collection<String> known) {
        super(HttpStatus.BAD_REQUEST, "unknown-model-profile", "Unknown model profile",
                "No model profile is named '" + name + "'; configured: " + String.join(", ", known));
        with("profile", name);
    }

    public static UnknownProfile named(String name, Collection<String> known) {
        return new UnknownProfile(name, known);
    }
}
