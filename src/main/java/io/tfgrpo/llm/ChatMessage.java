package io.tfgrpo.llm;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.tfgrpo.shared.Conversation;

/** One message of a conversation with a model. */
public record ChatMessage(Role role, String content) {

    public enum Role {
        SYSTEM, USER, ASSISTANT
    }

    /** How a rule about where text goes in a conversation reads and writes these messages. */
    public static final Conversation<ChatMessage> CONVERSATION = new Conversation<>() {

        @Override
        public String role(ChatMessage message) {
            return message.role().name().toLowerCase(Locale.ROOT);
        }

        @Override
        public String text(ChatMessage message) {
            return message.content();
        }

        @Override
        public ChatMessage withText(ChatMessage message, String text) {
            return new ChatMessage(message.role(), text);
        }

        @Override
        public ChatMessage message(String role, String text) {
            return new ChatMessage(Role.valueOf(role.toUpperCase(Locale.ROOT)), text);
        }
    };

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
