package io.tfgrpo.inference;

import jakarta.validation.Valid;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tfgrpo.library.LibraryNotFound;
import io.tfgrpo.library.VersionNotFound;
import io.tfgrpo.llm.ModelCallFailed;
import io.tfgrpo.shared.NotGranted;
import io.tfgrpo.shared.Problems;

@RestController
@Tag(name = "Inference", description = "Answers with a library's experiences in front of the prompt")
class InferenceController {

    private final Inference inference;

    InferenceController(Inference inference) {
        this.inference = inference;
    }

    @PostMapping("/api/inference")
    @Operation(operationId = "infer", summary = "Answer a prompt with a library's prior",
            description = "The current version by default; `version` pins one, `none` applies no prior (for "
                    + "comparisons). The response says which version and experiences were applied.")
    @ApiResponse(responseCode = "200", description = "The answer, with the version and experiences applied")
    @ApiResponse(responseCode = "403", description = "The key's allow-list does not hold the library or profile")
    @ApiResponse(responseCode = "502", description = "The model failed")
    @Problems({ NotGranted.class, LibraryNotFound.class, VersionNotFound.class, ModelCallFailed.class })
    InferenceResponse infer(@Valid @RequestBody InferenceRequest request) {
        return inference.infer(request);
    }
}
