package io.tfgrpo.inference;

import org.springframework.http.HttpStatus;

import io.tfgrpo.shared.ApiProblem;

/** 404 on the OpenAI-compatible path: the model names neither a library nor, with the header, a profile. */
final class ModelNotFound extends ApiProblem {

    private ModelNotFound(String model, String detail) {
        super(HttpStatus.NOT_FOUND, "model-not-found", "Model not found", detail);
        with("model", model);
    }

    static ModelNotFound named(String model) {
        return new ModelNotFound(model, "The model '" + model + "' is neither a configured profile nor a profile's "
                + "model");
    }

    /** Without the library header the model is a library: {@code name} or {@code name@version}. */
    static ModelNotFound served(String model) {
        return new ModelNotFound(model, "The model '" + model + "' does not exist: it names no library (or no version "
                + "of one); GET /v1/models lists the models served");
    }

    /** For the API description. */
    static ModelNotFound example() {
        return named("gpt-4o-mini@nowhere");
    }
}
