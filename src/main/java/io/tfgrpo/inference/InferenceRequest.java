package io.tfgrpo.inference;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.media.Schema;

/** A prompt (or a conversation) to answer with a library's experiences in front of it. */
record InferenceRequest(
        @NotBlank @Schema(example = "gsm8k-tips") String library,
        @Schema(description = "a version number; default: the library's current version; `none`: no prior",
                example = "3") String version,
        @Schema(description = "model profile; default: tfgrpo.inference.default-model") String model,
        @Size(max = 200_000) @Schema(example = "A shirt costs $20 after a 20% discount. What was the price before?")
        String prompt,
        @Size(max = 500) List<@Valid @NotNull Message> messages,
        @DecimalMin("0") @DecimalMax("2") Double temperature,
        @Min(1) @Max(1_000_000) Integer maxTokens) {

    /** One message, OpenAI-style. */
    public record Message(@NotNull @Pattern(regexp = "system|user|assistant") String role,
            @NotNull @Size(max = 200_000) String content) {
    }
}
