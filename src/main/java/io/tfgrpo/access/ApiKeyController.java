package io.tfgrpo.access;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tfgrpo.shared.Problems;

@RestController
@RequestMapping("/api/keys")
@Tag(name = "API keys", description = "Keys with scopes (admin, train, infer); needs the admin scope")
class ApiKeyController {

    private static final String KEY = "The key's id (not the key itself)";

    private final ApiKeys keys;

    ApiKeyController(ApiKeys keys) {
        this.keys = keys;
    }

    @PostMapping
    @Operation(operationId = "createApiKey", summary = "Create a key",
            description = "The response holds the key itself, shown this once; the service keeps only its SHA-256.")
    @ApiResponse(responseCode = "201", description = "Created; the response holds the key, shown this once")
    ResponseEntity<CreatedApiKey> create(@Valid @RequestBody CreateApiKey request) {
        CreatedApiKey key = keys.create(request);
        return ResponseEntity.created(URI.create("/api/keys/" + key.id())).body(key);
    }

    @GetMapping
    @Operation(operationId = "listApiKeys", summary = "List keys, revoked ones included (never the keys themselves)")
    List<ApiKeyView> list() {
        return keys.list();
    }

    @GetMapping("/{id}")
    @Operation(operationId = "getApiKey", summary = "One key")
    @ApiResponse(responseCode = "200", description = "The key's record (never the key itself)")
    @Problems(ApiKeyNotFound.class)
    ApiKeyView get(@PathVariable @Parameter(description = KEY) UUID id) {
        return keys.get(id);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(operationId = "revokeApiKey", summary = "Revoke a key",
            description = "Refused at once on this instance and within tfgrpo.security.key-cache-ttl on the others.")
    @ApiResponse(responseCode = "204", description = "Revoked")
    @Problems(ApiKeyNotFound.class)
    void revoke(@PathVariable @Parameter(description = KEY) UUID id) {
        keys.revoke(id);
    }
}
