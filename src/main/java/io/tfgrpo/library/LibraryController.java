package io.tfgrpo.library;

import java.net.URI;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tfgrpo.shared.ErrorResponses.Samples;
import io.tfgrpo.shared.PageView;
import io.tfgrpo.shared.Problems;

@RestController
@RequestMapping("/api/libraries")
@Tag(name = "Libraries", description = "Experience libraries: create, promote or roll back, export and import")
class LibraryController {

    static final String LIBRARY = "The library's name";

    private final Libraries libraries;
    private final LibraryTransfer transfer;

    LibraryController(Libraries libraries, LibraryTransfer transfer) {
        this.libraries = libraries;
        this.transfer = transfer;
    }

    @PostMapping
    @Operation(operationId = "createLibrary", summary = "Create a library",
            description = "It starts at version 0, empty, which is current.")
    @ApiResponse(responseCode = "201", description = "Created; `Location` names the library")
    @Problems(LibraryExists.class)
    ResponseEntity<LibraryView> create(@Valid @RequestBody CreateLibrary command) {
        return created(libraries.create(command));
    }

    @GetMapping
    @Operation(operationId = "listLibraries", summary = "List libraries by name")
    PageView<LibraryView> list(@RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(500) int size) {
        return libraries.list(page, size);
    }

    @GetMapping("/{name}")
    @Operation(operationId = "getLibrary", summary = "A library, with its current and latest version")
    @ApiResponse(responseCode = "200", description = "The library")
    @Problems(LibraryNotFound.class)
    LibraryView get(@PathVariable @Parameter(description = LIBRARY, example = Samples.LIBRARY) String name) {
        return libraries.get(name);
    }

    @PutMapping("/{name}/current")
    @Operation(operationId = "setCurrentLibraryVersion", summary = "Promote or roll back",
            description = "Sets the version that inference serves. With `requireEvaluation`, only if that "
                    + "evaluation shows the version beating the baseline (the lower bound of the difference's 95% "
                    + "interval above 0).")
    @ApiResponse(responseCode = "200", description = "The library, serving the version")
    @ApiResponse(responseCode = "404", description = "No such library, version or evaluation",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(
                    name = "evaluation-not-found", value = """
                            {"type": "urn:tfgrpo:problem:evaluation-not-found", "title": "Evaluation not found",
                             "status": 404, "detail": "No evaluation has id 3f6c2a1e-8b4d-4e7a-9c2f-5d1b7e9a0c4d",
                             "instance": "/api/libraries/gsm8k-tips/current"}""")))
    @ApiResponse(responseCode = "409", description = "The evaluation does not show the version beating the baseline",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(
                    name = "promotion-refused", value = """
                            {"type": "urn:tfgrpo:problem:promotion-refused", "title": "Promotion refused",
                             "status": 409,
                             "detail": "In evaluation 3f6c2a1e-8b4d-4e7a-9c2f-5d1b7e9a0c4d, version 3 vs none: \
                            difference +0.020, 95% interval [-0.040, +0.080] over 50 problems; its lower bound \
                            is not above 0",
                             "evaluationId": "3f6c2a1e-8b4d-4e7a-9c2f-5d1b7e9a0c4d", "version": 3,
                             "baseline": "none", "difference": 0.02, "lower": -0.04, "upper": 0.08,
                             "instance": "/api/libraries/gsm8k-tips/current"}""")))
    @Problems({ LibraryNotFound.class, VersionNotFound.class })
    LibraryView promote(@PathVariable @Parameter(description = LIBRARY, example = Samples.LIBRARY) String name,
            @Valid @RequestBody PromoteVersion command,
            @RequestParam(required = false) @Parameter(description = "An evaluation that must show the version "
                    + "beating the baseline; unset: promote without evidence") UUID requireEvaluation) {
        return libraries.promote(name, command.version(), requireEvaluation == null ? null : requireEvaluation.toString());
    }

    @PutMapping("/{name}/prior-template")
    @Operation(operationId = "setLibraryPriorTemplate", summary = "Set the library's prior template",
            description = "The text that puts the experiences in front of every prompt, in training, evaluation "
                    + "and inference alike; `{{experiences}}` marks where they are listed. `null` restores the default.")
    @ApiResponse(responseCode = "200", description = "The library, with its template")
    @Problems(LibraryNotFound.class)
    LibraryView priorTemplate(@PathVariable @Parameter(description = LIBRARY, example = Samples.LIBRARY) String name,
            @Valid @RequestBody PriorTemplate body) {
        return libraries.usePriorTemplate(name, body.template());
    }

    /** A library's own prior template; null restores the service's. */
    record PriorTemplate(@jakarta.validation.constraints.Size(max = 20_000) String template) {
    }

    @PutMapping("/{name}/prior-placement")
    @Operation(operationId = "setLibraryPriorPlacement", summary = "Set where the library's prior goes",
            description = "`system`: merged into the system message (or one put first); `user-suffix`: after the "
                    + "problem, appended to the last user message, as the paper's math runs did. Training rollouts, "
                    + "evaluation answers, `/api/inference` and `/v1/chat/completions` all follow it.")
    @ApiResponse(responseCode = "200", description = "The library, with its placement")
    @Problems(LibraryNotFound.class)
    LibraryView priorPlacement(@PathVariable @Parameter(description = LIBRARY, example = Samples.LIBRARY) String name,
            @Valid @RequestBody PriorPlacementChange body) {
        return libraries.usePriorPlacement(name, body.placement());
    }

    /** Where the library's prior goes. */
    record PriorPlacementChange(@jakarta.validation.constraints.NotNull @io.swagger.v3.oas.annotations.media.Schema(
            example = "user-suffix") PriorPlacement placement) {
    }

    @GetMapping("/{name}/export")
    @Operation(operationId = "exportLibrary", summary = "Export a library",
            description = "All versions, or only `version` when given.")
    @ApiResponse(responseCode = "200", description = "The library as a document that import accepts")
    @Problems({ LibraryNotFound.class, VersionNotFound.class })
    LibraryExport export(@PathVariable @Parameter(description = LIBRARY, example = Samples.LIBRARY) String name,
            @RequestParam(required = false) @Min(0) @Parameter(description = "Only this version; unset: all")
            Integer version) {
        return transfer.export(name, version);
    }

    @PostMapping("/import")
    @Operation(operationId = "importLibrary", summary = "Import an exported library",
            description = "Under its own name, or under `as`.")
    @ApiResponse(responseCode = "201", description = "Imported; `Location` names the library")
    @Problems(LibraryExists.class)
    ResponseEntity<LibraryView> importLibrary(@Valid @RequestBody LibraryExport document,
            @RequestParam(required = false) @Parameter(description = "The name to import under; unset: the "
                    + "exported library's own") String as) {
        return created(transfer.importLibrary(document, as));
    }

    private static ResponseEntity<LibraryView> created(LibraryView library) {
        return ResponseEntity.created(URI.create("/api/libraries/" + library.name())).body(library);
    }
}
