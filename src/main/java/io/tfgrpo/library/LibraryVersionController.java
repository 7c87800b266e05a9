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
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tfgrpo.shared.ErrorResponses.Samples;
import io.tfgrpo.shared.PageView;
import io.tfgrpo.shared.Problems;

@RestController
@RequestMapping("/api/libraries/{name}/versions")
@Tag(name = "Library versions",
        description = "Immutable versions of a library, a tree (each names its `parentVersion`): read (the current "
                + "one too), diff any two, and edit one")
class LibraryVersionController {

    private static final String VERSION = "The version's number (from 0)";

    private final LibraryVersions versions;

    LibraryVersionController(LibraryVersions versions) {
        this.versions = versions;
    }

    @GetMapping
    @Operation(operationId = "listLibraryVersions", summary = "List versions, newest first",
            description = "Each with the version it was made from (`parentVersion`): versions form a tree, "
                    + "numbered in the order they were committed.")
    @ApiResponse(responseCode = "200", description = "A page of versions")
    @Problems(LibraryNotFound.class)
    PageView<VersionSummary> list(@PathVariable @Parameter(description = LibraryController.LIBRARY,
            example = Samples.LIBRARY) String name, @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(500) int size) {
        return versions.list(name, page, size);
    }

    @GetMapping("/{version}")
    @Operation(operationId = "getLibraryVersion", summary = "A version and its experiences, in order")
    @ApiResponse(responseCode = "200", description = "The version")
    @Problems({ LibraryNotFound.class, VersionNotFound.class })
    VersionView get(@PathVariable @Parameter(description = LibraryController.LIBRARY, example = Samples.LIBRARY)
            String name, @PathVariable @Parameter(description = VERSION, example = "3") int version) {
        return versions.get(name, version);
    }

    @GetMapping("/current")
    @Operation(operationId = "getCurrentLibraryVersion", summary = "The version the library serves",
            description = "The current version (the one inference uses by default) and its experiences, without "
                    + "looking up its number first.")
    @ApiResponse(responseCode = "200", description = "The current version")
    @Problems(LibraryNotFound.class)
    VersionView current(@PathVariable @Parameter(description = LibraryController.LIBRARY, example = Samples.LIBRARY)
            String name) {
        return versions.current(name);
    }

    @GetMapping("/{version}/diff")
    @Operation(operationId = "diffLibraryVersion", summary = "What changed",
            description = "Added, updated (before/after) and deleted experiences from version `against` (default: "
                    + "its parent, the version it was made from) to this one; any two versions can be compared.")
    @ApiResponse(responseCode = "200", description = "The changes")
    @Problems({ LibraryNotFound.class, VersionNotFound.class })
    VersionDiff diff(@PathVariable @Parameter(description = LibraryController.LIBRARY, example = Samples.LIBRARY)
            String name, @PathVariable @Parameter(description = VERSION, example = "3") int version,
            @RequestParam(required = false) @Parameter(description = "The version to compare with; unset: this "
                    + "version's parent", example = "0") Integer against,
            @RequestParam(required = false) @Parameter(description = "The older name of `against`", deprecated = true)
            Integer from) {
        return versions.diff(name, version, against != null ? against : from);
    }

    @PostMapping
    @Operation(operationId = "editLibrary", summary = "Edit a version",
            description = "Applies ADD / UPDATE / DELETE operations in order to `baseVersion` and commits the result "
                    + "as the library's next version, a child of `baseVersion`; all or nothing. Refused (409) when "
                    + "`baseVersion` already has a child (someone edited it first), unless `branch` is true.")
    @ApiResponse(responseCode = "201", description = "The new version; `Location` names it")
    @Problems({ LibraryNotFound.class, StaleBaseVersion.class })
    ResponseEntity<VersionView> edit(@PathVariable @Parameter(description = LibraryController.LIBRARY,
            example = Samples.LIBRARY) String name, @Valid @RequestBody EditLibrary command) {
        VersionView version = versions.edit(name, command);
        return ResponseEntity.created(URI.create("/api/libraries/" + name + "/versions/" + version.version()))
                .body(version);
    }
}
