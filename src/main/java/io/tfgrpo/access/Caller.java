package io.tfgrpo.access;

import java.util.Set;
import java.util.UUID;

import io.tfgrpo.shared.KeyGrants;

/**
 * Who a request comes from: a key (its id, null for the bootstrap key), its scopes and its inference rate.
 *
 * @param requestsPerMinute inference requests per minute allowed; 0: unlimited
 * @param libraries the libraries it may use; empty: all
 * @param models the model profiles it may call; empty: all
 */
record Caller(UUID keyId, String name, Set<Scope> scopes, int requestsPerMinute, Set<String> libraries,
        Set<String> models) {

    /** The rate limiter's bucket: one per key. */
    String bucket() {
        return keyId == null ? "bootstrap" : keyId.toString();
    }

    KeyGrants grants() {
        return new KeyGrants(bucket(), libraries, models);
    }
}
