package io.tfgrpo.inference;

import java.util.ArrayList;
import java.util.List;

import io.tfgrpo.llm.ChatMessage;
import io.tfgrpo.shared.InvalidRequest;
import tools.jackson.databind.JsonNode;

/** The parts of an OpenAI Chat Completions request the service uses, read leniently as OpenAI's clients send them. */
record OpenAiRequest(String model, List<ChatMessage> messages, Double temperature, Integer maxTokens, Integer seed,
        List<String> stop, boolean stream, boolean includeUsage) {

    /** {@code passthrough}: the request goes to the model as it is, so fields the service does not model are fine. */
    static OpenAiRequest of(JsonNode body, boolean passthrough) {
        if (body == null || !body.isObject()) {
            throw InvalidRequest.of("body", "must be a JSON object");
        }
        String model = text(body, "model");
        if (model == null || model.isBlank()) {
            throw InvalidRequest.of("model", "is required");
        }
        if (!passthrough) {
            unsupported(body, "tools", body.has("tools") && !body.get("tools").isEmpty());
            unsupported(body, "response_format", body.has("response_format")
                    && !"text".equals(text(body.get("response_format"), "type")));
            unsupported(body, "n", body.has("n") && !body.get("n").isNull() && body.get("n").asInt() != 1);
        }
        return new OpenAiRequest(model, messages(body.get("messages")), number(body, "temperature"),
                body.has("max_completion_tokens") ? integer(body, "max_completion_tokens") : integer(body, "max_tokens"),
                integer(body, "seed"), stop(body.get("stop")), body.path("stream").asBoolean(false),
                body.path("stream_options").path("include_usage").asBoolean(false));
    }

    private static List<ChatMessage> messages(JsonNode messages) {
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            throw InvalidRequest.of("messages", "must be a non-empty array");
        }
        List<ChatMessage> result = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            if (!message.isObject()) {
                throw InvalidRequest.of("messages[" + i + "]", "must be an object with a role and content");
            }
            String role = text(message, "role");
            ChatMessage.Role kind = switch (role == null ? "" : role) {
                case "system", "developer" -> ChatMessage.Role.SYSTEM;
                case "user" -> ChatMessage.Role.USER;
                case "assistant" -> ChatMessage.Role.ASSISTANT;
                default -> throw InvalidRequest.of("messages[" + i + "].role",
                        "must be system, developer, user or assistant");
            };
            result.add(new ChatMessage(kind, content(message.get("content"), i)));
        }
        return result;
    }

    /** A string, or an array of parts of which the text parts count. */
    private static String content(JsonNode content, int index) {
        if (content != null && content.isString()) {
            return content.stringValue();
        }
        if (content != null && content.isArray()) {
            StringBuilder text = new StringBuilder();
            content.forEach(part -> {
                if ("text".equals(text(part, "type"))) {
                    text.append(text(part, "text"));
                }
            });
            return text.toString();
        }
        throw InvalidRequest.of("messages[" + index + "].content", "must be a string or an array of text parts");
    }

    private static List<String> stop(JsonNode stop) {
        if (stop == null || stop.isNull()) {
            return List.of();
        }
        if (stop.isString()) {
            return List.of(stop.stringValue());
        }
        List<String> values = new ArrayList<>();
        stop.forEach(value -> values.add(value.asString()));
        return values;
    }

    private static void unsupported(JsonNode body, String field, boolean present) {
        if (present) {
            throw InvalidRequest.of(field, "is not supported for this profile's provider (only OpenAI-compatible "
                    + "profiles pass it through)");
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isValueNode()) {
            throw InvalidRequest.of(field, "must be a string");
        }
        return value.asString();
    }

    private static Double number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            throw InvalidRequest.of(field, "must be a number");
        }
        return value.asDouble();
    }

    private static Integer integer(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber()) {
            throw InvalidRequest.of(field, "must be an integer");
        }
        return value.asInt();
    }
}
