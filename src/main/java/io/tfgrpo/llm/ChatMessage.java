package io.tfgrpo.llm;

import java.util.ArrayList;
import java.util.List;

/** One message of a conversation with a model. */
public record ChatMessage(Role role, String content) {

    public enum Role {
        SYSTEM, USER, ASSISTANT
    }

    public static ChatMessage system(String content) {
        return new ChatMessage(Role.SYSTEM, content);
    }

    public static ChatMessage user(String content) {
        return new ChatMessage(Role.USER, content);
    }

    public static ChatMessage assistant(String content) {
        return new ChatMessage(Role.ASSISTANT, content);
    }

    /** The messages with {@code text} appended to the system message, or put first as one if there is none. */
    public static List<ChatMessage> withSystemText(List<ChatMessage> messages, String text) {
        if (text == null || text.isBlank()) {
            return messages;
        }
        List<ChatMessage> result = new ArrayList<>(messages);
        if (!result.isEmpty() && result.getFirst().role() == Role.SYSTEM) {
            result.set(0, system(result.getFirst().content() + "\n\n" + text));
        }
        else {
            result.addFirst(system(text));
        }
        return List.copyOf(result);
    }
}
