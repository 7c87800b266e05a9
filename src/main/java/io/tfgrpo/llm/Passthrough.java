package io.tfgrpo.llm;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Forwards an OpenAI Chat Completions request as JSON to an OpenAI-compatible profile and hands back the reply as
 * it came. Spring AI models a request with the fields it knows; a proxy must pass on all of them (tools,
 * response_format, n, logprobs...) and should not pay for mapping every request and chunk into objects, so this
 * one path speaks HTTP itself. One attempt per call: the gateway retries.
 */
final class Passthrough {

    /** What an attempt returned: the reply (non-streamed) and the usage, when the server reported it. */
    record Result(ObjectNode body, Integer promptTokens, Integer completionTokens, String content) {
    }

    /** An answer other than 200: the gateway decides whether to retry it. */
    static final class Rejected extends RuntimeException {

        final int status;
        final String retryAfter;
        final String body;

        Rejected(int status, String retryAfter, String body) {
            super("HTTP " + status);
            this.status = status;
            this.retryAfter = retryAfter;
            this.body = body;
        }
    }

    private final HttpClient http;
    private final URI url;
    private final ModelProfile profile;
    private final JsonMapper json;

    Passthrough(ModelProfile profile, JsonMapper json) {
        this.profile = profile;
        this.json = json;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(profile.timeout())
                .build();
        String base = profile.baseUrl().toString();
        this.url = URI.create((base.endsWith("/") ? base : base + "/") + "chat/completions");
    }

    /** Sends {@code body}; a streamed reply's {@code data:} payloads go to {@code onEvent} as they arrive. */
    Result send(ObjectNode body, Consumer<String> onEvent) {
        body.put("model", profile.model());
        boolean stream = body.path("stream").asBoolean(false);
        if (stream) {
            body.putObject("stream_options").put("include_usage", true);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(profile.timeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
        if (profile.hasApiKey()) {
            request.header("Authorization", "Bearer " + profile.apiKey());
        }
        try {
            HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                if (response.statusCode() != 200) {
                    String error = new String(in.readNBytes(4096), StandardCharsets.UTF_8);
                    in.transferTo(OutputStream.nullOutputStream());
                    throw new Rejected(response.statusCode(), response.headers().firstValue("Retry-After").orElse(null),
                            error);
                }
                // every byte is read before the stream is closed: a body closed early takes its connection with it,
                // and every call would then open a new one
                Result result = stream ? events(in, onEvent) : reply(parsed(in.readAllBytes()));
                in.transferTo(OutputStream.nullOutputStream());
                return result;
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.util.concurrent.CancellationException("Interrupted during a call to " + url.getHost());
        }
    }

    /** A reply that is not a JSON object is the server's fault, like a 5xx: an I/O error, so it is retried. */
    private ObjectNode parsed(byte[] bytes) throws IOException {
        JsonNode body;
        try {
            body = json.readTree(bytes);
        }
        catch (tools.jackson.core.JacksonException e) {
            throw new IOException("malformed reply from " + url.getHost() + ": " + e.getOriginalMessage(), e);
        }
        if (!(body instanceof ObjectNode object)) {
            throw new IOException("malformed reply from " + url.getHost() + ": not a JSON object");
        }
        return object;
    }

    private Result reply(ObjectNode body) {
        JsonNode usage = body.path("usage");
        return new Result(body, tokens(usage, "prompt_tokens"), tokens(usage, "completion_tokens"),
                body.path("choices").path(0).path("message").path("content").asString(""));
    }

    private Result events(InputStream in, Consumer<String> onEvent) throws IOException {
        var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        Integer prompt = null;
        Integer completion = null;
        String line;
        while ((line = reader.readLine()) != null) {
            if (!line.startsWith("data:")) {
                continue;
            }
            String data = line.substring(5).strip();
            if (data.equals("[DONE]")) {
                break;
            }
            if (data.contains("\"usage\"")) {
                JsonNode usage = json.readTree(data).path("usage");
                if (usage.isObject()) {
                    prompt = tokens(usage, "prompt_tokens");
                    completion = tokens(usage, "completion_tokens");
                }
            }
            onEvent.accept(data);
        }
        return new Result(null, prompt, completion, null);
    }

    private static Integer tokens(JsonNode usage, String field) {
        JsonNode value = usage.get(field);
        return value == null || !value.isNumber() || value.asInt() <= 0 ? null : value.asInt();
    }
}
