package io.tfgrpo.llm;

import java.net.http.HttpClient;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.ollama.OllamaChatModel;
import org.springframework.ai.ollama.api.OllamaApi;
import org.springframework.ai.ollama.api.OllamaChatOptions;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One profile's Spring AI chat model, built with the client's own retries off (the gateway retries, so that it
 * can count attempts and honour {@code Retry-After}), and its call limiter. Makes exactly one attempt per call.
 */
final class ModelClient implements AutoCloseable {

    /**
     * What one successful attempt returned; token counts are null when the provider gave no usage. The finish
     * reason is the provider's, lower case ({@code stop}, {@code length}: cut off at the token limit; Ollama's
     * {@code done_reason}), null when it gave none.
     */
    record Answer(String content, String model, Integer promptTokens, Integer completionTokens, String finishReason) {
    }

    private final String name;
    private final ModelProfile profile;
    /** The chat model of each time limit the profile uses (an Ollama client's read timeout is fixed when built). */
    private final Map<java.time.Duration, ChatModel> chatModels = new java.util.HashMap<>();
    private final CallLimiter limiter;
    private final Passthrough passthrough;

    ModelClient(String name, ModelProfile profile, tools.jackson.databind.json.JsonMapper json) {
        this.name = name;
        this.profile = profile;
        for (Purpose purpose : Purpose.values()) {
            chatModels.computeIfAbsent(modelTimeout(purpose), timeout -> switch (profile.provider()) {
                case OPENAI -> openAi(profile);
                case OLLAMA -> ollama(profile, timeout);
            });
        }
        this.limiter = new CallLimiter(profile.maxConcurrency(), profile.requestsPerMinute());
        this.passthrough = profile.provider() == Provider.OPENAI ? new Passthrough(profile, json) : null;
    }

    /** The raw path for OpenAI-compatible profiles; null for others. */
    Passthrough passthrough() {
        return passthrough;
    }

    String name() {
        return name;
    }

    /** Closes the passthrough's connections (Spring AI's clients close with the JVM). */
    @Override
    public void close() {
        if (passthrough != null) {
            passthrough.close();
        }
    }

    ModelProfile profile() {
        return profile;
    }

    CallLimiter limiter() {
        return limiter;
    }

    /** One attempt; {@code schema} (JSON Schema, or null) asks for JSON output in the profile's JSON mode. */
    Answer attempt(ChatCall call, Map<String, Object> schema, String schemaJson) {
        if (passthrough != null && schema == null) {
            // a plain call to an OpenAI-compatible server: the request's JSON written directly and sent by the
            // passthrough's own client costs a fraction of the SDK's object mapping (structured calls keep Spring AI's schema
            // handling)
            Passthrough.Result result = passthrough.send(plainBody(call), event -> { },
                    profile.timeout(call.purpose()));
            return new Answer(result.content() == null ? "" : result.content(), profile.model(),
                    result.promptTokens(), result.completionTokens(), result.finishReason());
        }
        ChatResponse response = chatModel(call)
                .call(new Prompt(messages(call.messages()), options(call, schema, schemaJson)));
        Usage usage = response.getMetadata() == null ? null : response.getMetadata().getUsage();
        String content = response.getResult() == null ? null : response.getResult().getOutput().getText();
        return new Answer(content == null ? "" : content, profile.model(),
                usage == null ? null : positiveOrNull(usage.getPromptTokens()),
                usage == null ? null : positiveOrNull(usage.getCompletionTokens()), finishReason(response));
    }

    /**
     * One streamed attempt: each piece of the answer goes to {@code onDelta} as it arrives; the whole answer and
     * the usage (from the last chunk, where the provider reports it) come back at the end.
     */
    Answer stream(ChatCall call, Consumer<String> onDelta) {
        StringBuilder content = new StringBuilder();
        Integer[] usage = { null, null };
        String[] finish = { null };
        chatModel(call).stream(new Prompt(messages(call.messages()), options(call, null, null))).doOnNext(response -> {
            if (response.getResult() != null && response.getResult().getOutput().getText() != null) {
                String delta = response.getResult().getOutput().getText();
                if (!delta.isEmpty()) {
                    content.append(delta);
                    onDelta.accept(delta);
                }
            }
            if (finishReason(response) != null) {
                finish[0] = finishReason(response);
            }
            Usage chunkUsage = response.getMetadata() == null ? null : response.getMetadata().getUsage();
            if (chunkUsage != null && positiveOrNull(chunkUsage.getPromptTokens()) != null) {
                usage[0] = chunkUsage.getPromptTokens();
                usage[1] = positiveOrNull(chunkUsage.getCompletionTokens());
            }
        }).blockLast(profile.timeout(call.purpose()).multipliedBy(4));
        return new Answer(content.toString(), profile.model(), usage[0], usage[1], finish[0]);
    }

    private ChatModel chatModel(ChatCall call) {
        return chatModels.get(modelTimeout(call.purpose()));
    }

    /** OpenAI-compatible calls carry their own time limit, so one model serves them all; Ollama's is built in. */
    private java.time.Duration modelTimeout(Purpose purpose) {
        return profile.provider() == Provider.OPENAI ? profile.timeout() : profile.timeout(purpose);
    }

    /** The Chat Completions body of a plain call, with the same options the Spring AI path would send. */
    private ObjectNode plainBody(ChatCall call) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ArrayNode messages = body.putArray("messages");
        for (ChatMessage message : call.messages()) {
            messages.addObject().put("role", message.role().name().toLowerCase(java.util.Locale.ROOT))
                    .put("content", message.content());
        }
        Double temperature = temperature(call);
        Integer maxTokens = maxTokens(call);
        if (temperature != null) {
            body.put("temperature", temperature);
        }
        if (maxTokens != null) {
            body.put("max_tokens", maxTokens);
        }
        if (call.seed() != null) {
            body.put("seed", call.seed());
        }
        if (!call.stop().isEmpty()) {
            ArrayNode stop = body.putArray("stop");
            call.stop().forEach(stop::add);
        }
        return body;
    }

    /** The call's temperature, else the profile's (null: the server's). */
    private Double temperature(ChatCall call) {
        return call.temperature() != null ? call.temperature() : profile.temperature();
    }

    /** The call's token limit, else the profile's (null: the server's). */
    private Integer maxTokens(ChatCall call) {
        return call.maxTokens() != null ? call.maxTokens() : profile.maxTokens();
    }

    private ChatOptions options(ChatCall call, Map<String, Object> schema, String schemaJson) {
        Double temperature = temperature(call);
        Integer maxTokens = maxTokens(call);
        boolean json = schema != null && profile.jsonMode() != JsonMode.PROMPT;
        return switch (profile.provider()) {
            case OPENAI -> {
                var options = OpenAiChatOptions.builder().model(profile.model()).temperature(temperature)
                        .maxTokens(maxTokens).seed(call.seed()).timeout(profile.timeout(call.purpose())).maxRetries(0)
                        .streamUsage(true);
                if (!call.stop().isEmpty()) {
                    options.stop(call.stop());
                }
                if (json) {
                    options.responseFormat(profile.jsonMode() == JsonMode.SCHEMA
                            ? OpenAiChatModel.ResponseFormat.builder()
                                    .type(OpenAiChatModel.ResponseFormat.Type.JSON_SCHEMA).jsonSchema(schemaJson)
                                    .strict(true).build()
                            : OpenAiChatModel.ResponseFormat.builder()
                                    .type(OpenAiChatModel.ResponseFormat.Type.JSON_OBJECT).build());
                }
                yield options.build();
            }
            case OLLAMA -> {
                var options = OllamaChatOptions.builder().model(profile.model()).temperature(temperature)
                        .numPredict(maxTokens).seed(call.seed());
                if (!call.stop().isEmpty()) {
                    options.stop(call.stop());
                }
                if (json) {
                    options.format(profile.jsonMode() == JsonMode.SCHEMA ? schema : "json");
                }
                yield options.build();
            }
        };
    }

    private static List<Message> messages(List<ChatMessage> messages) {
        return messages.stream().<Message>map(m -> switch (m.role()) {
            case SYSTEM -> new SystemMessage(m.content());
            case USER -> new UserMessage(m.content());
            case ASSISTANT -> new AssistantMessage(m.content());
        }).toList();
    }

    private static ChatModel openAi(ModelProfile profile) {
        return OpenAiChatModel.builder().options(OpenAiChatOptions.builder()
                .baseUrl(profile.baseUrl().toString())
                // OpenAI-compatible servers without authentication still expect the header to be present
                .apiKey(profile.hasApiKey() ? profile.apiKey() : "not-needed")
                .model(profile.model())
                .maxRetries(0)
                .timeout(profile.timeout())
                .build()).build();
    }

    private static ChatModel ollama(ModelProfile profile, java.time.Duration timeout) {
        // HTTP/1.1: the JDK client's h2c upgrade attempt on plain http:// is not something every server tolerates
        var requestFactory = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1).connectTimeout(profile.timeout()).build());
        requestFactory.setReadTimeout(timeout);
        OllamaApi api = OllamaApi.builder().baseUrl(profile.baseUrl().toString())
                .restClientBuilder(RestClient.builder().requestFactory(requestFactory)).build();
        return OllamaChatModel.builder().ollamaApi(api)
                .options(OllamaChatOptions.builder().model(profile.model()).build())
                .retryTemplate(new RetryTemplate(RetryPolicy.withMaxRetries(0)))
                .build();
    }

    /** Spring AI's finish reason: OpenAI's as its SDK names it ({@code LENGTH}), Ollama's {@code done_reason}. */
    private static String finishReason(ChatResponse response) {
        if (response.getResult() == null || response.getResult().getMetadata() == null) {
            return null;
        }
        return normalised(response.getResult().getMetadata().getFinishReason());
    }

    /** A finish reason in lower case; null for none (or an SDK's "unknown"). */
    static String normalised(String finishReason) {
        if (finishReason == null || finishReason.isBlank()) {
            return null;
        }
        String reason = finishReason.strip().toLowerCase(java.util.Locale.ROOT);
        return reason.equals("_unknown") || reason.equals("unknown") ? null : reason;
    }

    private static Integer positiveOrNull(Integer tokens) {
        return tokens == null || tokens <= 0 ? null : tokens;
    }
}
