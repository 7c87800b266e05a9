package io.tfgrpo.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.springframework.stereotype.Service;

/**
 * Creates, checks and revokes API keys. A key is {@code tfg_} and 43 characters of 256 random bits; the service
 * stores its SHA-256 only. A key once looked up is trusted for {@code keyCacheTtl}, so a request costs no
 * database round trip on a warm instance. Unauthenticated traffic costs no query either: a value that cannot be a
 * key is refused before any lookup, and a key found unknown is remembered as such for the same time (at most
 * {@link #MAX_REMEMBERED_MISSES} of them).
 */
@Service
class ApiKeys {

    private static final String KEY_PREFIX = "tfg_";
    private static final int SHOWN_PREFIX = KEY_PREFIX.length() + 8;
    private static final Pattern KEY_SHAPE = Pattern.compile("tfg_[A-Za-z0-9_-]{43}");
    static final int MAX_REMEMBERED_MISSES = 10_000;

    private final ApiKeyStore store;
    private final AccessSettings settings;
    private final SecureRandom random = new SecureRandom();
    private final byte[] bootstrapHash;
    private final Map<String, Trusted> trusted = new ConcurrentHashMap<>();
    private final Map<String, Long> misses = new ConcurrentHashMap<>();

    private record Trusted(Caller caller, long until) {
    }

    ApiKeys(ApiKeyStore store, AccessSettings settings) {
        this.store = store;
        this.settings = settings;
        this.bootstrapHash = settings.bootstrapKey() == null ? null : digest(settings.bootstrapKey());
    }

    CreatedApiKey create(CreateApiKey request) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String key = KEY_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        List<Scope> scopes = List.copyOf(EnumSet.copyOf(request.scopes()));
        ApiKeyView view = store.insert(request.name().strip(), key.substring(0, SHOWN_PREFIX), hash(key), scopes,
                request);
        return CreatedApiKey.of(view, key);
    }

    List<ApiKeyView> list() {
        return store.list();
    }

    ApiKeyView get(UUID id) {
        return store.find(id).orElseThrow(() -> new ApiKeyNotFound(id));
    }

    void revoke(UUID id) {
        if (!store.revoke(id)) {
            throw new ApiKeyNotFound(id);
        }
        trusted.values().removeIf(entry -> id.equals(entry.caller().keyId()));
    }

    /** The caller a key belongs to, if it is the bootstrap key or an unrevoked key. */
    Optional<Caller> authenticate(String key) {
        byte[] digest = digest(key);
        if (bootstrapHash != null && MessageDigest.isEqual(bootstrapHash, digest)) {
            return Optional.of(new Caller(null, "bootstrap", EnumSet.allOf(Scope.class),
                    settings.inferenceRequestsPerMinute(), Set.of(), Set.of()));
        }
        if (!KEY_SHAPE.matcher(key).matches()) {
            return Optional.empty();
        }
        String hash = HexFormat.of().formatHex(digest);
        long now = System.nanoTime();
        Trusted cached = trusted.get(hash);
        if (cached != null && now - cached.until() < 0) {
            return Optional.of(cached.caller());
        }
        Long missUntil = misses.get(hash);
        if (missUntil != null && now - missUntil < 0) {
            return Optional.empty();
        }
        Optional<Caller> caller = store.findActiveByHash(hash).map(this::caller);
        long until = now + settings.keyCacheTtl().toNanos();
        if (caller.isPresent()) {
            trusted.put(hash, new Trusted(caller.get(), until));
            misses.remove(hash);
        }
        else {
            trusted.remove(hash);
            remember(hash, until, now);
        }
        return caller;
    }

    /** Lookups of unknown keys that this instance answers from memory; for tests and meters. */
    int rememberedMisses() {
        return misses.size();
    }

    private void remember(String hash, long until, long now) {
        if (misses.size() >= MAX_REMEMBERED_MISSES) {
            misses.values().removeIf(expiry -> now - expiry >= 0);
            if (misses.size() >= MAX_REMEMBERED_MISSES) {
                return;
            }
        }
        misses.put(hash, until);
    }

    private Caller caller(ApiKeyView key) {
        int rate = key.requestsPerMinute() == null ? settings.inferenceRequestsPerMinute() : key.requestsPerMinute();
        return new Caller(key.id(), key.name(), EnumSet.copyOf(key.scopes()), rate, Set.copyOf(key.libraries()),
                Set.copyOf(key.models()));
    }

    static String hash(String key) {
        return HexFormat.of().formatHex(digest(key));
    }

    private static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
