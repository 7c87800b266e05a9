package io.tfgrpo.library;

import java.net.URI;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tfgrpo.shared.PageView;

@RestController
@RequestMapping("/api/libraries/{name}/versions")
@Tag(name = "Library versions", description = "Immutable versions of a library: read, diff, and edit the latest")
class LibraryVersionController {

    private final LibraryVersions versions;

    LibraryVersionController(LibraryVersions versions) {
        this.versions = versions;
    }

    @GetMapping
    @Operation(summary = "List versions, newest first")
    @ApiResponse(responseCode = "404", description = "No such library")
    PageView<VersionSummary> list(@PathVariable String name, @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(500) int size) {
        return versions.list(name, page, size);
    }

    @GetMapping("/{version}")
    @Operation(summary = "A version and its experiences, in order")
    @ApiResponse(responseCode = "404", description = "No such library or version")
    VersionView get(@PathVariable String name, @PathVariable int version) {
        return versions.get(name, version);
    }

    @GetMapping("/{version}/diff")
    @Operation(summary = "What changed", description = "Added, updated (before/after) and deleted experiences "
            + "from version `from` (default: the version it was made from) to this one.")
    @ApiResponse(responseCode = "404", description = "No such library or version")
    VersionDiff diff(@PathVariable String name, @PathVariable int version,
            @RequestParam(required = false) Integer from) {
        return versions.diff(name, version, from);
    }

    @PostMapping
    @Operation(summary = "Edit the latest version",
            description = "Applies ADD / UPDATE / DELETE operations in order to `baseVersion`, which must be the "
                    + "latest, and commits the result as the next version; all or nothing.")
    @ApiResponse(responseCode = "201", description = "The new version")
    @ApiResponse(responseCode = "404", description = "No such library")
    @ApiResponse(responseCode = "409", description = "`baseVersion` is not the latest version")
    ResponseEntity<VersionView> edit(@PathVariable String name, @Valid @RequestBody EditLibrary command) {
        VersionView version = versions.edit(name, command);
        return ResponseEntity.created(URI.create("/api/libraries/" + name + "/versions/" + version.version()))
                .body(version);
    }
}
