package io.tfgrpo.access;

import java.util.UUID;

import org.springframework.http.HttpStatus;

import io.tfgrpo.shared.ApiProblem;
import io.tfgrpo.shared.ErrorResponses.Samples;

final class ApiKeyNotFound extends ApiProblem {

    ApiKeyNotFound(UUID id) {
        super(HttpStatus.NOT_FOUND, "api-key-not-found", "API key not found", "No API key with id " + id);
        with("id", id);
    }

    /** For the API description. */
    static ApiKeyNotFound example() {
        return new ApiKeyNotFound(UUID.fromString(Samples.ID));
    }
}
