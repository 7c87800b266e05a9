package io.tfgrpo.access;

import java.util.Set;
import java.util.UUID;

/**
 * Who a request comes from: a key (its id, null for the bootstrap key), its scopes and its inference rate.
 *
 * @param requestsPerMinute inference requests per minute allowed; 0: unlimited
 */
record Caller(UUID keyId, String name, Set<Scope> scopes, int requestsPerMinute) {

    /** The rate limiter's bucket: one per key. */
    String bucket() {
        return keyId == null ? "bootstrap" : keyId.toString();
    }
}
