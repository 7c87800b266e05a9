package io.tfgrpo.inference;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Chat Completions messages as JSON, read and written for the library's placement rule, so that a forwarded
 * {@code /v1} body gets its prior exactly where every other call does. Content given as parts is not text.
 */
final class JsonMessages implements io.tfgrpo.shared.Conversation<JsonNode> {

    static final JsonMessages CONVERSATION = new JsonMessages();

    private JsonMessages() {
    }

    @Override
    public String role(JsonNode message) {
        return message.path("role").asString("");
    }

    @Override
    public String text(JsonNode message) {
        JsonNode content = message.path("content");
        return content.isString() ? content.stringValue() : null;
    }

    @Override
    public JsonNode withText(JsonNode message, String text) {
        return ((ObjectNode) message.deepCopy()).put("content", text);
    }

    @Override
    public JsonNode message(String role, String text) {
        return JsonNodeFactory.instance.objectNode().put("role", role).put("content", text);
    }
}
