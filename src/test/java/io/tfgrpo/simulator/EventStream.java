package io.tfgrpo.simulator;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.sun.net.httpserver.HttpExchange;

import tools.jackson.databind.node.ObjectNode;

/**
 * A streamed completion as OpenAI sends it: server-sent events of {@code chat.completion.chunk} objects, a role
 * chunk first, content deltas of a few words, a finish chunk, an optional usage chunk and {@code [DONE]}. Each
 * event is flushed as written, and the latency is spread over the deltas so the first byte comes early.
 */
final class EventStream {

    private static final int WORDS_PER_DELTA = 3;

    private EventStream() {
    }

    /** @param broken send one truncated chunk, the streaming form of a malformed response */
    static void send(HttpExchange exchange, Envelopes.Header header, List<Choice> choices, int promptTokens,
            boolean includeUsage, long delayMs, boolean broken, Runnable beforeLastEvent) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        List<List<String>> deltas = choices.stream().map(choice -> deltas(choice.content())).toList();
        int count = deltas.stream().mapToInt(List::size).sum();
        long perDelta = delayMs / (count + 1);
        try (OutputStream out = exchange.getResponseBody()) {
            for (Choice choice : choices) {
                event(out, chunk(header, choice, delta().put("role", "assistant").put("content", "")));
                if (broken) {
                    String chunk = chunk(header, choice, delta().put("content", choice.content()));
                    event(out, chunk.substring(0, chunk.length() / 2));
                    continue;
                }
                for (String text : deltas.get(choice.index())) {
                    Http.pause(perDelta);
                    event(out, chunk(header, choice, delta().put("content", text)));
                }
            }
            Http.pause(delayMs - perDelta * count);
            for (Choice choice : choices) {
                event(out, Envelopes.chunk(header, choice.index(), delta(), choice.finishReason()).toString());
            }
            if (includeUsage) {
                int completionTokens = choices.stream().mapToInt(c -> Envelopes.tokens(c.content())).sum();
                event(out, Envelopes.usageChunk(header, promptTokens, completionTokens).toString());
            }
            beforeLastEvent.run();
            event(out, "[DONE]");
        }
    }

    /** The content in pieces of a few words, each keeping its trailing whitespace, so they concatenate back. */
    static List<String> deltas(String content) {
        List<String> pieces = new ArrayList<>();
        int start = 0;
        int words = 0;
        for (int i = 1; i < content.length(); i++) {
            boolean wordStarts = !Character.isWhitespace(content.charAt(i))
                    && Character.isWhitespace(content.charAt(i - 1));
            if (wordStarts && ++words % WORDS_PER_DELTA == 0) {
                pieces.add(content.substring(start, i));
                start = i;
            }
        }
        if (start < content.length()) {
            pieces.add(content.substring(start));
        }
        return pieces;
    }

    private static String chunk(Envelopes.Header header, Choice choice, ObjectNode delta) {
        return Envelopes.chunk(header, choice.index(), delta, null).toString();
    }

    private static ObjectNode delta() {
        return Json.NODES.objectNode();
    }

    private static void event(OutputStream out, String data) throws IOException {
        out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
