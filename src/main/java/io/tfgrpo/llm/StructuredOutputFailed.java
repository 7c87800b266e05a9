package io.tfgrpo.llm;

import org.springframework.http.HttpStatus;

import io.tfgrpo.shared.ApiProblem;

/** A model's answer was not the JSON asked for, even after one repair attempt. */
public final class StructuredOutputFailed extends ApiProblem {

    StructuredOutputFailed(String profile, Purpose purpose, String problem) {
        super(HttpStatus.BAD_GATEWAY, "structured-output-failed", "Model answered with invalid JSON",
                "Model profile '" + profile + "' did not return valid JSON for the " + purpose.name().toLowerCase()
                        + " call, even after a repair attempt: " + problem);
        with("profile", profile);
    }
}
