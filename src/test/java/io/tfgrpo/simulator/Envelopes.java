package io.tfgrpo.simulator;

import java.util.List;

import io.tfgrpo.simulator.LlmSimulator.Journal.Message;
import tools.jackson.databind.node.ObjectNode;

/** OpenAI's response shapes: the completion, its stream chunks, usage and errors. */
final class Envelopes {

    /** The fields every completion and chunk of one response shares. */
    record Header(String id, long created, String model) {
    }

    private Envelopes() {
    }

    /** The usual estimate of four characters a token. */
    static int tokens(String text) {
        return (text.length() + 3) / 4;
    }

    static int promptTokens(List<Message> messages) {
        return messages.stream().mapToInt(m -> tokens(m.content())).sum();
    }

    static ObjectNode completion(Header header, List<Choice> choices, int promptTokens) {
        ObjectNode completion = start(header, "chat.completion");
        var array = completion.putArray("choices");
        for (Choice choice : choices) {
            ObjectNode item = array.addObject().put("index", choice.index());
            item.putObject("message").put("role", "assistant").put("content", choice.content());
            item.putNull("logprobs");
            item.put("finish_reason", choice.finishReason());
        }
        completion.set("usage", usage(promptTokens, choices.stream().mapToInt(c -> tokens(c.content())).sum()));
        return completion;
    }

    static ObjectNode chunk(Header header, int index, ObjectNode delta, String finishReason) {
        ObjectNode chunk = start(header, "chat.completion.chunk");
        ObjectNode choice = chunk.putArray("choices").addObject().put("index", index);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason);
        return chunk;
    }

    /** The last chunk when {@code stream_options.include_usage} is on: no choices, only usage. */
    static ObjectNode usageChunk(Header header, int promptTokens, int completionTokens) {
        ObjectNode chunk = start(header, "chat.completion.chunk");
        chunk.putArray("choices");
        chunk.set("usage", usage(promptTokens, completionTokens));
        return chunk;
    }

    static ObjectNode usage(int promptTokens, int completionTokens) {
        return Json.NODES.objectNode().put("prompt_tokens", promptTokens).put("completion_tokens", completionTokens)
                .put("total_tokens", promptTokens + completionTokens);
    }

    static ObjectNode error(String message, String type, String code) {
        ObjectNode body = Json.NODES.objectNode();
        body.putObject("error").put("message", message).put("type", type).putNull("param").put("code", code);
        return body;
    }

    private static ObjectNode start(Header header, String object) {
        return Json.NODES.objectNode().put("id", header.id()).put("object", object).put("created", header.created())
                .put("model", header.model());
    }
}
