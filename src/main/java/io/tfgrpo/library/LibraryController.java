package io.tfgrpo.library;

import java.net.URI;

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
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tfgrpo.shared.PageView;

@RestController
@RequestMapping("/api/libraries")
@Tag(name = "Libraries", description = "Experience libraries: create, promote or roll back, export and import")
class LibraryController {

    private final Libraries libraries;
    private final LibraryTransfer transfer;

    LibraryController(Libraries libraries, LibraryTransfer transfer) {
        this.libraries = libraries;
        this.transfer = transfer;
    }

    @PostMapping
    @Operation(summary = "Create a library", description = "It starts at version 0, empty, which is current.")
    @ApiResponse(responseCode = "201", description = "Created")
    @ApiResponse(responseCode = "409", description = "The name is taken")
    ResponseEntity<LibraryView> create(@Valid @RequestBody CreateLibrary command) {
        return created(libraries.create(command));
    }

    @GetMapping
    @Operation(summary = "List libraries by name")
    PageView<LibraryView> list(@RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(500) int size) {
        return libraries.list(page, size);
    }

    @GetMapping("/{name}")
    @Operation(summary = "A library, with its current and latest version")
    @ApiResponse(responseCode = "404", description = "No such library")
    LibraryView get(@PathVariable String name) {
        return libraries.get(name);
    }

    @PutMapping("/{name}/current")
    @Operation(summary = "Promote or roll back", description = "Sets the version that inference serves. With "
            + "`requireEvaluation`, only if that evaluation shows the version beating the baseline (the lower bound "
            + "of the difference's 95% interval above 0).")
    @ApiResponse(responseCode = "404", description = "No such library, version or evaluation")
    @ApiResponse(responseCode = "409", description = "The evaluation does not show the version beating the baseline")
    LibraryView promote(@PathVariable String name, @Valid @RequestBody PromoteVersion command,
            @RequestParam(required = false) java.util.UUID requireEvaluation) {
        return libraries.promote(name, command.version(), requireEvaluation == null ? null : requireEvaluation.toString());
    }

    @PutMapping("/{name}/prior-template")
    @Operation(summary = "Set the library's prior template",
            description = "The text that puts the experiences in front of every prompt, in training, evaluation "
                    + "and inference alike; `{{experiences}}` marks where they are listed. `null` restores the default.")
    @ApiResponse(responseCode = "404", description = "No such library")
    LibraryView priorTemplate(@PathVariable String name, @Valid @RequestBody PriorTemplate body) {
        return libraries.usePriorTemplate(name, body.template());
    }

    /** A library's own prior template; null restores the service's. */
    record PriorTemplate(@jakarta.validation.constraints.Size(max = 20_000) String template) {
    }

    @GetMapping("/{name}/export")
    @Operation(summary = "Export a library", description = "All versions, or only `version` when given.")
    @ApiResponse(responseCode = "404", description = "No such library or version")
    LibraryExport export(@PathVariable String name, @RequestParam(required = false) @Min(0) Integer version) {
        return transfer.export(name, version);
    }

    @PostMapping("/import")
    @Operation(summary = "Import an exported library", description = "Under its own name, or under `as`.")
    @ApiResponse(responseCode = "201", description = "Imported")
    @ApiResponse(responseCode = "409", description = "The name is taken")
    ResponseEntity<LibraryView> importLibrary(@Valid @RequestBody LibraryExport document,
            @RequestParam(required = false) String as) {
        return created(transfer.importLibrary(document, as));
    }

    private static ResponseEntity<LibraryView> created(LibraryView library) {
        return ResponseEntity.created(URI.create("/api/libraries/" + library.name())).body(library);
    }
}
