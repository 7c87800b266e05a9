package io.tfgrpo.access;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/** A new key: the only time the key itself is shown. */
record CreatedApiKey(
        UUID id,
        String name,
        @Schema(description = "the key, shown once: send it as `Authorization: Bearer <key>`") String key,
        String prefix,
        List<Scope> scopes,
        Integer requestsPerMinute,
        List<String> libraries,
        List<String> models,
        Instant createdAt) {

    static CreatedApiKey of(ApiKeyView view, String key) {
        return new CreatedApiKey(view.id(), view.name(), key, view.prefix(), view.scopes(), view.requestsPerMinute(),
                view.libraries(), view.models(), view.createdAt());
    }
}
