package io.tfgrpo.inference;

import org.springframework.http.HttpStatus;

import io.tfgrpo.shared.ApiProblem;

/** 404 on the OpenAI-compatible path: the model names neither a library nor, with the header, a profile. */
final class ModelNotFound extends ApiProblem {

    private ModelNotFound(String model) {
        super(HttpStatus.NOT_FOUND, "model-not-found", "Model not found", "The model '" + model
                + "' is neither a configured profile nor a profile's model");
        with("model", model);
    }

    static ModelNotFound named(String model) {
        return new ModelNotFound(model);
    }

    /** For the API description. */
    static ModelNotFound example() {
        return named("gpt-4o-mini@nowhere");
    }
}
