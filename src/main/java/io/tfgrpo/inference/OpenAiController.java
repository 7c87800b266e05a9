package io.tfgrpo.inference;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tfgrpo.library.Libraries;
import io.tfgrpo.library.LibraryNotFound;
import io.tfgrpo.library.LibraryVersions;
import io.tfgrpo.library.VersionNotFound;
import io.tfgrpo.library.VersionSummary;
import io.tfgrpo.llm.ChatReply;
import io.tfgrpo.llm.LlmGateway;
import io.tfgrpo.llm.ModelCallFailed;
import io.tfgrpo.shared.CurrentCaller;
import io.tfgrpo.shared.KeyGrants;
import io.tfgrpo.shared.NotGranted;
import io.tfgrpo.shared.Problems;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * OpenAI-compatible endpoints: any OpenAI client serves a library by pointing its base URL here and naming
 * {@code library} (current version) or {@code library@version} as the model, or a profile's model with the
 * library in the {@code X-Experience-Library} header. Errors use OpenAI's error shape.
 */
@RestController
@Tag(name = "OpenAI-compatible", description = "Chat Completions with a library's prior; libraries listed as models")
class OpenAiController {

    static final String LIBRARY_HEADER = "X-Experience-Library";

    private final Inference inference;
    private final LlmGateway gateway;
    private final Libraries libraries;
    private final LibraryVersions versions;
    private final JsonMapper json;
    private final InferenceSettings settings;

    OpenAiController(Inference inference, LlmGateway gateway, Libraries libraries, LibraryVersions versions,
            JsonMapper json, InferenceSettings settings) {
        this.inference = inference;
        this.gateway = gateway;
        this.libraries = libraries;
        this.versions = versions;
        this.json = json;
        this.settings = settings;
    }

    @PostMapping(path = "/v1/chat/completions")
    @Operation(operationId = "createChatCompletion",
            summary = "Chat Completions (plain and `stream: true`) with the library's prior placed as the library says",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = OpenAiSchemas.ChatCompletionRequest.class))))
    @ApiResponse(responseCode = "200", description = "The completion; with `stream: true`, Server-Sent Events of "
            + "`chat.completion.chunk` objects ending with `data: [DONE]`. The headers say which prior was applied.",
            headers = {
                    @Header(name = LIBRARY_HEADER, description = "the library and version applied, as `name@version`",
                            schema = @Schema(type = "string")),
                    @Header(name = "X-Experience-Codes", description = "the experiences applied, by code",
                            schema = @Schema(type = "string")) },
            content = {
                    @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = OpenAiSchemas.ChatCompletion.class)),
                    @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE, schema = @Schema(type = "string")) })
    @ApiResponse(responseCode = "400", description = "The request is not a valid Chat Completions request",
            content = @Content(examples = @ExampleObject(name = "invalid-request", value = """
                    {"error": {"message": "model: is required", "type": "invalid_request_error", "param": "model",
                     "code": "invalid_request"}}""")))
    @ApiResponse(responseCode = "403", description = "The key's allow-list does not hold the library or profile")
    @ApiResponse(responseCode = "502", description = "The model failed")
    @Problems({ NotGranted.class, ModelNotFound.class, LibraryNotFound.class, VersionNotFound.class,
            ModelCallFailed.class })
    ResponseEntity<StreamingResponseBody> complete(@RequestBody JsonNode body,
            @RequestHeader(name = LIBRARY_HEADER, required = false) @Parameter(description = "Serve this library "
                    + "(`name` or `name@version`) and treat `model` as a model profile's model") String libraryHeader,
            HttpServletResponse response)
            throws IOException {
        String header = libraryHeader != null && !libraryHeader.isBlank() ? libraryHeader : null;
        String requestedModel = body != null && body.path("model").isString() ? body.get("model").stringValue() : "";
        String profile = header != null
                ? inference.granted(gateway.profileFor(requestedModel)
                        .orElseThrow(() -> ModelNotFound.named(requestedModel)))
                : inference.profile(null, "model");
        boolean passthrough = gateway.canForward(profile);
        OpenAiRequest request = OpenAiRequest.of(body, passthrough);
        String target = header != null ? header : request.model();
        int at = target.lastIndexOf('@');
        Inference.Applied applied = inference.apply(at < 0 ? target : target.substring(0, at),
                at < 0 ? null : target.substring(at + 1), "model", request.messages());
        if (passthrough) {
            return forward((ObjectNode) body, request, inference.call(profile, applied), applied, response);
        }
        var call = inference.call(profile, applied).withTemperature(request.temperature())
                .withMaxTokens(settings.maxTokens(request.maxTokens())).withSeed(request.seed()).withStop(request.stop());
        HttpHeaders headers = headers(applied);
        String id = "chatcmpl-" + UUID.randomUUID();
        long created = Instant.now().getEpochSecond();
        if (!request.stream()) {
            ChatReply reply = gateway.chat(call);
            ObjectNode completion = envelope(id, created, request.model(), "chat.completion");
            ObjectNode choice = completion.putArray("choices").addObject().put("index", 0);
            choice.putObject("message").put("role", "assistant").put("content", reply.content());
            choice.put("finish_reason", "stop");
            usage(completion, reply);
            return written(response, headers, json.writeValueAsBytes(completion));
        }
        StreamingResponseBody stream = out -> {
            send(out, chunk(id, created, request.model(), json.createObjectNode().put("role", "assistant").put("content", ""), null));
            try {
                ChatReply reply = gateway.stream(call, delta -> send(out, chunk(id, created, request.model(),
                        json.createObjectNode().put("content", delta), null)));
                send(out, chunk(id, created, request.model(), json.createObjectNode(), "stop"));
                if (request.includeUsage()) {
                    ObjectNode usage = envelope(id, created, request.model(), "chat.completion.chunk");
                    usage.putArray("choices");
                    send(out, usage(usage, reply));
                }
            }
            catch (RuntimeException e) {
                send(out, OpenAiErrors.streamFailure(e));
            }
            out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
        };
        return ResponseEntity.ok().headers(headers).contentType(MediaType.TEXT_EVENT_STREAM).body(stream);
    }

    /** The request as it came, the prior placed in its messages, sent on by the gateway. */
    private ResponseEntity<StreamingResponseBody> forward(ObjectNode body, OpenAiRequest request,
            io.tfgrpo.llm.ChatCall call, Inference.Applied applied, HttpServletResponse response) throws IOException {
        ObjectNode forwarded = body.deepCopy();
        placePrior(forwarded, applied);
        Integer profileMaxTokens = gateway.profile(call.profile()).maxTokens();
        if (profileMaxTokens != null && !forwarded.has("max_tokens") && !forwarded.has("max_completion_tokens")) {
            // as every other call of the profile: a reasoning model cut off early loses its final answer
            forwarded.put("max_tokens", profileMaxTokens);
        }
        lowerToMaxima(forwarded);
        HttpHeaders headers = headers(applied);
        if (!request.stream()) {
            ObjectNode reply = gateway.forward(call, forwarded, event -> { }).body();
            reply.put("model", request.model());
            return written(response, headers, json.writeValueAsBytes(reply));
        }
        String upstreamModel = "\"model\":" + json.writeValueAsString(gateway.profile(call.profile()).model());
        String requestedModel = "\"model\":" + json.writeValueAsString(request.model());
        StreamingResponseBody stream = out -> {
            try {
                gateway.forward(call, forwarded, data -> {
                    // the service always asks for usage (for its ledger); a client that did not gets none
                    if (request.includeUsage() || !data.contains("\"usage\"") || !data.contains("\"choices\":[]")) {
                        write(out, "data: " + data.replace(upstreamModel, requestedModel) + "\n\n");
                    }
                });
            }
            catch (RuntimeException e) {
                write(out, "data: " + json.writeValueAsString(OpenAiErrors.streamFailure(e)) + "\n\n");
            }
            write(out, "data: [DONE]\n\n");
        };
        return ResponseEntity.ok().headers(headers).contentType(MediaType.TEXT_EVENT_STREAM).body(stream);
    }

    /**
     * Writes a whole JSON reply on the request's own thread and tells Spring MVC the response is handled (a
     * {@code null} body). Only streams go through {@link StreamingResponseBody}: it makes the request asynchronous
     * and dispatches it a second time through every filter, which costs more than serving the prior itself.
     */
    private static ResponseEntity<StreamingResponseBody> written(HttpServletResponse response, HttpHeaders headers,
            byte[] json) throws IOException {
        headers.forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setContentLength(json.length);
        response.getOutputStream().write(json);
        return null;
    }

    /** Bounds what one forwarded request may cost: its choices and its completion tokens. */
    private void lowerToMaxima(ObjectNode body) {
        lower(body, "n", settings.maxN());
        lower(body, "max_tokens", settings.maxMaxTokens());
        lower(body, "max_completion_tokens", settings.maxMaxTokens());
    }

    private static void lower(ObjectNode body, String field, int max) {
        JsonNode value = body.get(field);
        if (value != null && value.isNumber() && value.asDouble() > max) {
            body.put(field, max);
        }
    }

    /** The body's messages with the prior placed in them as the library places it for every call. */
    private static void placePrior(ObjectNode body, Inference.Applied applied) {
        List<JsonNode> messages = new ArrayList<>();
        body.get("messages").forEach(messages::add);
        body.putArray("messages").addAll(applied.prior().applyTo(messages, JsonMessages.CONVERSATION));
    }

    private static HttpHeaders headers(Inference.Applied applied) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(LIBRARY_HEADER, applied.prior().label());
        headers.set("X-Experience-Codes", String.join(",", applied.codes()));
        return headers;
    }

    private static void write(OutputStream out, String text) {
        try {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
        catch (IOException e) {
            throw new java.io.UncheckedIOException("The client went away", e);
        }
    }

    @GetMapping("/v1/models")
    @Operation(operationId = "listModels",
            summary = "Libraries as models: `name` (its current version) and `name@version` for each version")
    @ApiResponse(responseCode = "200", description = "The libraries this key may use, as models",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = OpenAiSchemas.ModelList.class)))
    ObjectNode models() {
        ObjectNode list = json.createObjectNode().put("object", "list");
        var data = list.putArray("data");
        KeyGrants grants = CurrentCaller.grants();
        for (var library : libraries.list(0, 500).content()) {
            if (!grants.allowsLibrary(library.name())) {
                continue;
            }
            data.addObject().put("id", library.name()).put("object", "model")
                    .put("created", library.createdAt().getEpochSecond()).put("owned_by", "tfgrpo");
            List<VersionSummary> all = new ArrayList<>(versions.list(library.name(), 0, 500).content());
            all.forEach(v -> data.addObject().put("id", library.name() + "@" + v.version()).put("object", "model")
                    .put("created", v.createdAt().getEpochSecond()).put("owned_by", "tfgrpo"));
        }
        return list;
    }

    private ObjectNode envelope(String id, long created, String model, String object) {
        return json.createObjectNode().put("id", id).put("object", object).put("created", created).put("model", model);
    }

    private ObjectNode chunk(String id, long created, String model, ObjectNode delta, String finishReason) {
        ObjectNode chunk = envelope(id, created, model, "chat.completion.chunk");
        ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
        choice.set("delta", delta);
        if (finishReason == null) {
            choice.putNull("finish_reason");
        }
        else {
            choice.put("finish_reason", finishReason);
        }
        return chunk;
    }

    private static ObjectNode usage(ObjectNode node, ChatReply reply) {
        node.putObject("usage").put("prompt_tokens", reply.promptTokens())
                .put("completion_tokens", reply.completionTokens()).put("total_tokens", reply.totalTokens());
        return node;
    }

    private void send(OutputStream out, ObjectNode event) {
        try {
            out.write(("data: " + json.writeValueAsString(event) + "\n\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
        catch (IOException e) {
            throw new java.io.UncheckedIOException("The client went away", e);
        }
    }
}
