package io.tfgrpo.simulator;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import io.tfgrpo.simulator.LlmSimulator.Options;
import tools.jackson.databind.node.ObjectNode;

/** Every request comes here; what is not an endpoint gets OpenAI's 404 error shape. */
final class Routes implements HttpHandler {

    private final Options options;
    private final CallLog log;
    private final ChatCompletions chat;
    private final long started = Instant.now().getEpochSecond();

    Routes(Options options, CallLog log, ChatCompletions chat) {
        this.options = options;
        this.log = log;
        this.chat = chat;
    }

    @Override
    public void handle(HttpExchange exchange) {
        try {
            String path = exchange.getRequestURI().getPath();
            switch (exchange.getRequestMethod() + " " + path) {
                case "POST /v1/chat/completions" -> chat.handle(exchange);
                case "GET /v1/models" -> Http.json(exchange, 200, models());
                case "GET /health" -> Http.json(exchange, 200, Map.of("status", "UP"));
                case "GET /journal" -> Http.json(exchange, 200, log.snapshot());
                case "DELETE /journal" -> {
                    log.reset();
                    Http.noContent(exchange);
                }
                default -> Http.error(exchange, 404, "Unknown request URL: " + exchange.getRequestMethod() + " "
                        + path + ".", "invalid_request_error", "unknown_url");
            }
        }
        catch (IOException e) {
            // the client went away (gave up on a held request, say): nobody is left to answer
        }
        catch (RuntimeException e) {
            System.err.println("LLM simulator: " + e);
            try {
                Http.error(exchange, 500, "Simulator failure: " + e.getMessage(), "server_error", "simulator_bug");
            }
            catch (IOException | RuntimeException ignored) {
                // the response had already begun
            }
        }
        finally {
            exchange.close();
        }
    }

    private ObjectNode models() {
        ObjectNode list = Json.NODES.objectNode().put("object", "list");
        list.putArray("data").addObject().put("id", options.model()).put("object", "model").put("created", started)
                .put("owned_by", "tfgrpo-simulator");
        return list;
    }
}
