package io.tfgrpo.access;

import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.media.Schema;

/** A request for a new key. */
record CreateApiKey(
        @NotBlank @Size(max = 100) @Schema(example = "checkout-service") String name,
        @NotEmpty @Schema(description = "admin, train and/or infer", example = "[\"infer\"]")
        List<@NotNull Scope> scopes,
        @Min(0) @Max(1_000_000)
        @Schema(description = "inference requests per minute for this key; unset: the service default "
                + "(tfgrpo.security.inference-requests-per-minute), 0: unlimited")
        Integer requestsPerMinute,
        @Size(max = 100)
        @Schema(description = "the libraries this key may use for inference; unset or empty: every library",
                example = "[\"gsm8k\"]")
        List<@NotBlank @Size(max = 100) String> libraries,
        @Size(max = 100)
        @Schema(description = "the model profiles this key may call; unset or empty: every profile",
                example = "[\"default\"]")
        List<@NotBlank @Size(max = 100) String> models) {

    CreateApiKey {
        libraries = libraries == null ? List.of() : libraries.stream().map(String::strip).distinct().sorted().toList();
        models = models == null ? List.of() : models.stream().map(String::strip).distinct().sorted().toList();
    }
}
