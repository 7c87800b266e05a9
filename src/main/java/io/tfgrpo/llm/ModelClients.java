package io.tfgrpo.llm;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/** The configured profiles, each with its client, and how each one's last call went. */
@Component
class ModelClients {

    private static final Logger log = LoggerFactory.getLogger(ModelClients.class);

    /** How a profile's last call ended. */
    record LastCall(Instant at, boolean ok, String error) {
    }

    private final Map<String, ModelClient> clients = new TreeMap<>();
    private final Map<String, LastCall> lastCalls = new ConcurrentHashMap<>();

    ModelClients(ModelSettings settings, JsonMapper json) {
        settings.models().forEach((name, profile) -> {
            clients.put(name, new ModelClient(name, profile, json));
            log.info("Model profile '{}': {} {} at {}{}", name, profile.provider().name().toLowerCase(),
                    profile.model(), profile.shownBaseUrl(),
                    profile.synthetic() ? " (the LLM simulator: answers are SYNTHETIC)" : "");
        });
    }

    ModelClient get(String name) {
        ModelClient client = clients.get(name);
        if (client == null) {
            throw UnknownProfile.named(name, clients.keySet());
        }
        return client;
    }

    boolean exists(String name) {
        return clients.containsKey(name);
    }

    Collection<ModelClient> all() {
        return clients.values();
    }

    LastCall lastCall(String name) {
        return lastCalls.get(name);
    }

    @PreDestroy
    void close() {
        clients.values().forEach(ModelClient::close);
    }

    void answered(String name, boolean ok, String error) {
        lastCalls.put(name, new LastCall(Instant.now(), ok, error));
    }
}
