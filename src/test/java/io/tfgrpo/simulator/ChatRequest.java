package io.tfgrpo.simulator;

import java.util.ArrayList;
import java.util.List;

import io.tfgrpo.simulator.LlmSimulator.Journal.Message;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The parts of an OpenAI Chat Completions request the simulator acts on; {@code tools} and the rest are ignored. */
record ChatRequest(String model, List<Message> messages, Double temperature, Long seed, int n, boolean stream,
        boolean includeUsage, JsonNode responseFormat, Integer maxTokens, List<String> stop) {

    static final class Invalid extends RuntimeException {
        Invalid(String message) {
            super(message);
        }
    }

    static ChatRequest parse(byte[] body, String defaultModel) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        }
        catch (JacksonException e) {
            throw new Invalid("We could not parse the JSON body of your request: " + e.getOriginalMessage());
        }
        if (!(root instanceof ObjectNode request)) {
            throw new Invalid("The request body must be a JSON object.");
        }
        JsonNode model = request.get("model");
        return new ChatRequest(model != null && model.isString() ? model.stringValue() : defaultModel,
                messages(request.get("messages")), temperature(request.get("temperature")),
                integer(request, "seed"), n(request), flag(request.get("stream")),
                flag(request.path("stream_options").get("include_usage")), responseFormat(request),
                maxTokens(request), stop(request.get("stop")));
    }

    String lastUserMessage() {
        for (Message message : messages.reversed()) {
            if (message.role().equals("user")) {
                return message.content();
            }
        }
        return "";
    }

    /** The schema name for json_schema, the type for json_object, else null (plain text). */
    String responseFormatLabel() {
        if (responseFormat == null) {
            return null;
        }
        String type = responseFormat.get("type").stringValue();
        if (!type.equals("json_schema")) {
            return type;
        }
        // clients that always send a generic name (Spring AI sends "json_schema") can label the schema by its title
        String name = Json.text(responseFormat.path("json_schema").get("name"), type);
        String title = Json.text(responseFormat.path("json_schema").path("schema").get("title"), null);
        return name.equals("json_schema") && title != null ? snakeCase(title) : name;
    }

    private static String snakeCase(String title) {
        return title.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replaceAll("[^A-Za-z0-9]+", "_").toLowerCase();
    }

    boolean wantsJsonSchema() {
        return "json_schema".equals(formatType());
    }

    boolean wantsJsonObject() {
        return "json_object".equals(formatType());
    }

    private String formatType() {
        return responseFormat == null ? null : responseFormat.get("type").stringValue();
    }

    private static List<Message> messages(JsonNode node) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw new Invalid("'messages' must be a non-empty array.");
        }
        List<Message> messages = new ArrayList<>();
        for (JsonNode message : node.values()) {
            JsonNode role = message.get("role");
            if (role == null || !role.isString()) {
                throw new Invalid("Each message needs a string 'role'.");
            }
            messages.add(new Message(role.stringValue(), content(message.get("content"))));
        }
        return List.copyOf(messages);
    }

    /** A string, or content parts of which the text ones count; tool-call messages have none. */
    private static String content(JsonNode node) {
        if (node == null || node.isNull()) {
            return "";
        }
        if (node.isString()) {
            return node.stringValue();
        }
        if (node.isArray()) {
            var text = new StringBuilder();
            node.values().forEach(part -> text.append(Json.text(part.get("text"), "")));
            return text.toString();
        }
        throw new Invalid("A message's 'content' must be a string or an array of content parts.");
    }

    private static Double temperature(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isNumber() || node.asDouble() < 0 || node.asDouble() > 2) {
            throw new Invalid("'temperature' must be a number from 0 to 2.");
        }
        return node.asDouble();
    }

    private static Long integer(JsonNode request, String field) {
        JsonNode node = request.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw new Invalid("'" + field + "' must be an integer.");
        }
        return node.asLong();
    }

    private static int n(JsonNode request) {
        Long n = integer(request, "n");
        if (n != null && (n < 1 || n > 128)) {
            throw new Invalid("'n' must be from 1 to 128.");
        }
        return n == null ? 1 : n.intValue();
    }

    private static Integer maxTokens(JsonNode request) {
        Long max = integer(request, "max_completion_tokens");
        max = max != null ? max : integer(request, "max_tokens");
        if (max != null && max < 1) {
            throw new Invalid("'max_tokens' must be at least 1.");
        }
        return max == null ? null : (int) Math.min(max, Integer.MAX_VALUE);
    }

    private static boolean flag(JsonNode node) {
        return node != null && node.isBoolean() && node.booleanValue();
    }

    private static List<String> stop(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (node.isString()) {
            return List.of(node.stringValue());
        }
        if (node.isArray() && node.values().stream().allMatch(JsonNode::isString)) {
            return node.values().stream().map(JsonNode::stringValue).filter(s -> !s.isEmpty()).toList();
        }
        throw new Invalid("'stop' must be a string or an array of strings.");
    }

    /** Null for plain text; otherwise a checked {@code response_format} object. */
    private static JsonNode responseFormat(JsonNode request) {
        JsonNode format = request.get("response_format");
        if (format == null || format.isNull()) {
            return null;
        }
        String type = Json.text(format.get("type"), "");
        return switch (type) {
            case "text" -> null;
            case "json_object" -> format;
            case "json_schema" -> {
                if (!format.path("json_schema").isObject()) {
                    throw new Invalid("'response_format.json_schema' must be an object with 'name' and 'schema'.");
                }
                yield format;
            }
            default -> throw new Invalid("'response_format.type' must be 'text', 'json_object' or 'json_schema'.");
        };
    }
}
