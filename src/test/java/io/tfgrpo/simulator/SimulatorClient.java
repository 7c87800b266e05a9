package io.tfgrpo.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Plain HTTP calls to a running simulator, the way the service's clients make them. */
final class SimulatorClient {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String root;

    SimulatorClient(LlmSimulator simulator) {
        this.root = "http://127.0.0.1:" + simulator.port();
    }

    /** A chat completion request with the given system message (or none) and user message. */
    static ObjectNode request(String system, String user) {
        ObjectNode request = Json.NODES.objectNode().put("model", "test-model").put("temperature", 0.7);
        var messages = request.putArray("messages");
        if (system != null) {
            messages.addObject().put("role", "system").put("content", system);
        }
        messages.addObject().put("role", "user").put("content", user);
        return request;
    }

    HttpResponse<String> chat(ObjectNode request) {
        return send(post("/v1/chat/completions", request.toString()).build());
    }

    CompletableFuture<HttpResponse<String>> chatAsync(ObjectNode request) {
        return http.sendAsync(post("/v1/chat/completions", request.toString()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The first choice's content of a call that must succeed. */
    String content(ObjectNode request) {
        return completion(request).path("choices").path(0).path("message").path("content").stringValue();
    }

    JsonNode completion(ObjectNode request) {
        HttpResponse<String> response = chat(request);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.MAPPER.readTree(response.body());
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(root + path)).GET().build());
    }

    HttpResponse<String> delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(root + path)).DELETE().build());
    }

    HttpRequest.Builder post(String path, String body) {
        return HttpRequest.newBuilder(URI.create(root + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws IOException {
        try {
            return http.send(request, handler);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return send(request, HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
