package io.tfgrpo.llm;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Component;

/**
 * Answers of temperature-0 calls, keyed by profile, messages and options; least recently used entries go first.
 * Off unless {@code tfgrpo.llm.cache-enabled}.
 */
@Component
class ResponseCache {

    private final boolean enabled;
    private final Map<String, ModelClient.Answer> answers;

    ResponseCache(LlmSettings settings) {
        this.enabled = settings.cacheEnabled();
        int capacity = settings.cacheMaxEntries();
        this.answers = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, ModelClient.Answer> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The key of a cacheable call, or null when the call may not be cached. */
    String keyOf(ChatCall call, ModelProfile profile, String schemaJson) {
        Double temperature = call.temperature() != null ? call.temperature() : profile.temperature();
        if (!enabled || temperature == null || temperature != 0.0) {
            return null;
        }
        StringBuilder key = new StringBuilder(call.profile()).append('\u0000').append(call.maxTokens())
                .append('\u0000').append(call.seed()).append('\u0000').append(schemaJson);
        call.messages().forEach(m -> key.append('\u0000').append(m.role()).append('\u0001').append(m.content()));
        return sha256(key.toString());
    }

    synchronized ModelClient.Answer get(String key) {
        return key == null ? null : answers.get(key);
    }

    synchronized void put(String key, ModelClient.Answer answer) {
        if (key != null) {
            answers.put(key, answer);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
