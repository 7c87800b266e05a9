package io.tfgrpo.simulator;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/** The one mapper and node factory the simulator uses. */
final class Json {

    static final JsonMapper MAPPER = JsonMapper.builder().build();

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Json() {
    }

    /** The node's string value, or the fallback when it is missing or not a string. */
    static String text(JsonNode node, String fallback) {
        return node != null && node.isString() ? node.stringValue() : fallback;
    }
}
