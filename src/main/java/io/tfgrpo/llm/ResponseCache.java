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

    /**
     * The key of a cacheable call, or null when the call may not be cached. It holds everything that changes the
     * answer: where the call goes (profile, provider, model) and every option sent with it. Each field is written
     * with its length, so that no text inside a message can pass for the boundary between two fields.
     */
    String keyOf(ChatCall call, ModelProfile profile, String schemaJson) {
        Double temperature = call.temperature() != null ? call.temperature() : profile.temperature();
        if (!enabled || temperature == null || temperature != 0.0) {
            return null;
        }
        StringBuilder key = new StringBuilder();
        field(key, call.profile());
        field(key, profile.provider());
        field(key, profile.model());
        field(key, profile.jsonMode());
        field(key, call.maxTokens() != null ? call.maxTokens() : profile.maxTokens());
        field(key, call.seed());
        field(key, call.stop().size());
        call.stop().forEach(stop -> field(key, stop));
        field(key, schemaJson);
        field(key, call.messages().size());
        call.messages().forEach(m -> field(field(key, m.role()), m.content()));
        return sha256(key.toString());
    }

    private static StringBuilder field(StringBuilder key, Object value) {
        String text = String.valueOf(value);
        return key.append(value == null ? -1 : text.length()).append(':').append(value == null ? "" : text);
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
