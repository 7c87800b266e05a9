package io.tfgrpo.inference;

import jakarta.validation.Valid;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Inference", description = "Answers with a library's experiences in front of the prompt")
class InferenceController {

    private final Inference inference;

    InferenceController(Inference inference) {
        this.inference = inference;
    }

    @PostMapping("/api/inference")
    @Operation(summary = "Answer a prompt with a library's prior",
            description = "The current version by default; `version` pins one, `none` applies no prior (for "
                    + "comparisons). The response says which version and experiences were applied.")
    @ApiResponse(responseCode = "404", description = "No such library or version")
    @ApiResponse(responseCode = "502", description = "The model failed")
    InferenceResponse infer(@Valid @RequestBody InferenceRequest request) {
        return inference.infer(request);
    }
}
