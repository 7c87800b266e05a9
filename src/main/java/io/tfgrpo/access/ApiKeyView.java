package io.tfgrpo.access;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/** A key as listed: never the key itself, only the prefix it starts with. */
record ApiKeyView(
        UUID id,
        String name,
        @Schema(description = "the first characters of the key, to recognise it", example = "tfg_Xk3v9QaB")
        String prefix,
        List<Scope> scopes,
        @Schema(description = "inference requests per minute; null: the service default, 0: unlimited")
        Integer requestsPerMinute,
        @Schema(description = "the libraries it may use; empty: all") List<String> libraries,
        @Schema(description = "the model profiles it may call; empty: all") List<String> models,
        Instant createdAt,
        @Schema(description = "set once the key is revoked; a revoked key is refused")
        Instant revokedAt) {
}
