package io.tfgrpo.access;

import java.util.UUID;

import org.springframework.http.HttpStatus;

import io.tfgrpo.shared.ApiProblem;

final class ApiKeyNotFound extends ApiProblem {

    ApiKeyNotFound(UUID id) {
        super(HttpStatus.NOT_FOUND, "api-key-not-found", "API key not found", "No API key with id " + id);
        with("id", id);
    }
}
