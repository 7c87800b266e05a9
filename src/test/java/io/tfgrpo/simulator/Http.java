package io.tfgrpo.simulator;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpExchange;

/** Writing whole responses. */
final class Http {

    private Http() {
    }

    static void json(HttpExchange exchange, int status, Object body) throws IOException {
        send(exchange, status, Json.MAPPER.writeValueAsString(body));
    }

    /** Also used for deliberately broken JSON, hence a string. */
    static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    static void error(HttpExchange exchange, int status, String message, String type, String code) throws IOException {
        json(exchange, status, Envelopes.error(message, type, code));
    }

    static void noContent(HttpExchange exchange) throws IOException {
        exchange.sendResponseHeaders(204, -1);
    }

    /** Holds the request; the simulator's close interrupts it. */
    static void pause(long millis) throws IOException {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("the simulator is closing", e);
        }
    }
}
