package io.tfgrpo.simulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;

import tools.jackson.databind.node.ArrayNode;

/**
 * The identity of a request: SHA-256 of the simulator's seed, the model, the messages, the temperature, the
 * request's own {@code seed} and its {@code response_format}. Every content choice is drawn from it, so the same
 * request always gets the same answer and a different {@code seed} field gets another sample.
 */
record RequestKey(String hex, long bits) {

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    static RequestKey of(long simulatorSeed, ChatRequest request) {
        ArrayNode parts = Json.NODES.arrayNode();
        parts.add(simulatorSeed);
        parts.add(request.model());
        ArrayNode messages = parts.addArray();
        request.messages().forEach(m -> messages.addArray().add(m.role()).add(m.content()));
        if (request.temperature() == null) {
            parts.addNull();
        }
        else {
            parts.add(request.temperature());
        }
        if (request.seed() == null) {
            parts.addNull();
        }
        else {
            parts.add(request.seed());
        }
        parts.add(request.responseFormat() == null ? Json.NODES.nullNode() : request.responseFormat());
        byte[] hash = sha256(parts.toString());
        long bits = 0;
        for (int i = 0; i < 8; i++) {
            bits = bits << 8 | (hash[i] & 0xFF);
        }
        return new RequestKey(HexFormat.of().formatHex(hash), bits);
    }

    /** The random source of choice {@code index}; choice 0 is the same for any {@code n}. */
    SplittableRandom random(int index) {
        return new SplittableRandom(bits ^ index * GOLDEN);
    }

    /** A draw in [0, 1) of the request, independent of its content choices: one per {@code purpose}. */
    double draw(String purpose) {
        return new SplittableRandom(bits ^ purpose.hashCode() * GOLDEN ^ Long.MIN_VALUE).nextDouble();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
