package io.tfgrpo.llm;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;

import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Forwards an OpenAI Chat Completions request as JSON to an OpenAI-compatible profile and hands back the reply as
 * it came. Spring AI models a request with the fields it knows; a proxy must pass on all of them (tools,
 * response_format, n, logprobs...) and should not pay for mapping every request and chunk into objects, so this
 * one path speaks HTTP itself. One attempt per call: the gateway retries.
 */
final class Passthrough implements AutoCloseable {

    /**
     * What an attempt returned: the reply (non-streamed), the usage when the server reported it, and the first
     * choice's finish reason ({@code length}: cut off at the token limit).
     */
    record Result(ObjectNode body, Integer promptTokens, Integer completionTokens, String content, String finishReason) {
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

    private final CloseableHttpClient http;
    private final URI url;
    private final ModelProfile profile;
    private final JsonMapper json;

    /**
     * Apache HttpClient's classic (blocking) client: on a virtual thread a call writes and reads its socket
     * itself, where the JDK's client hands every exchange between its selector thread, a worker pool and the
     * caller, which cost a third of the service's CPU per inference request. Its pool holds as many connections
     * as the profile allows calls at once; a connection idle for a second is checked before it is used again.
     */
    Passthrough(ModelProfile profile, JsonMapper json) {
        this.profile = profile;
        this.json = json;
        Timeout timeout = Timeout.of(profile.timeout());
        // a call's own time limit (its purpose's) governs while it waits for its answer
        Timeout longest = Timeout.of(profile.longestTimeout());
        var connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setPoolConcurrencyPolicy(PoolConcurrencyPolicy.LAX)
                .setMaxConnTotal(profile.maxConcurrency()).setMaxConnPerRoute(profile.maxConcurrency())
                .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(timeout)
                        .setSocketTimeout(longest)
                        .setValidateAfterInactivity(TimeValue.ofSeconds(1)).build())
                .build();
        this.http = HttpClients.custom().setConnectionManager(connections)
                .setDefaultRequestConfig(RequestConfig.custom().setConnectionRequestTimeout(timeout)
                        .setResponseTimeout(timeout).build())
                // the gateway retries and backs off; compression gains nothing on replies this small
                .disableAutomaticRetries().disableRedirectHandling().disableCookieManagement()
                .disableContentCompression().disableAuthCaching()
                .build();
        String base = profile.baseUrl().toString();
        this.url = URI.create((base.endsWith("/") ? base : base + "/") + "chat/completions");
    }

    /**
     * Sends {@code body}, waiting at most {@code timeout} for the answer (between two pieces of a streamed one); a
     * streamed reply's {@code data:} payloads go to {@code onEvent} as they arrive.
     */
    Result send(ObjectNode body, Consumer<String> onEvent, java.time.Duration timeout) {
        body.put("model", profile.model());
        boolean stream = body.path("stream").asBoolean(false);
        if (stream) {
            body.putObject("stream_options").put("include_usage", true);
        }
        var request = ClassicRequestBuilder.post(url)
                .setEntity(new ByteArrayEntity(json.writeValueAsBytes(body), ContentType.APPLICATION_JSON));
        if (profile.hasApiKey()) {
            request.addHeader("Authorization", "Bearer " + profile.apiKey());
        }
        var context = org.apache.hc.client5.http.protocol.HttpClientContext.create();
        context.setRequestConfig(RequestConfig.custom().setConnectionRequestTimeout(Timeout.of(profile.timeout()))
                .setResponseTimeout(Timeout.of(timeout)).build());
        try (ClassicHttpResponse response = http.executeOpen(null, request.build(), context)) {
            HttpEntity entity = response.getEntity();
            InputStream in = entity == null ? InputStream.nullInputStream() : entity.getContent();
            if (response.getCode() != 200) {
                String error = new String(in.readNBytes(4096), StandardCharsets.UTF_8);
                EntityUtils.consume(entity);
                Header retryAfter = response.getFirstHeader("Retry-After");
                throw new Rejected(response.getCode(), retryAfter == null ? null : retryAfter.getValue(), error);
            }
            // every byte is read before the response is closed: a body closed early takes its connection with it,
            // and every call would then open a new one
            Result result = stream ? events(in, onEvent) : reply(parsed(in.readAllBytes()));
            EntityUtils.consume(entity);
            return result;
        }
        catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new CancellationException("Interrupted during a call to " + url.getHost());
            }
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        http.close(CloseMode.GRACEFUL);
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
        JsonNode choice = body.path("choices").path(0);
        return new Result(body, tokens(usage, "prompt_tokens"), tokens(usage, "completion_tokens"),
                choice.path("message").path("content").asString(""),
                ModelClient.normalised(choice.path("finish_reason").asString(null)));
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
        // a forwarded stream is passed on as it came, its finish reason with it
        return new Result(null, prompt, completion, null, null);
    }

    private static Integer tokens(JsonNode usage, String field) {
        JsonNode value = usage.get(field);
        return value == null || !value.isNumber() || value.asInt() <= 0 ? null : value.asInt();
    }
}
