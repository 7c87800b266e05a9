package io.tfgrpo.library;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

import io.tfgrpo.shared.Conversation;

/**
 * Where a library's prior goes in a conversation: the one rule training rollouts, evaluation answers, the native
 * inference endpoint and {@code /v1/chat/completions} all follow, for every kind of message they send.
 */
public enum PriorPlacement {

    /** Appended to the first system (or developer) message, or put first as a system message if there is none. */
    SYSTEM,
    /**
     * After the problem: appended to the last user message, as the paper's math runs did (or, when that message is
     * not plain text or there is none, a user message of its own at the end).
     */
    USER_SUFFIX;

    private static final String BETWEEN = "\n\n";

    /** As the API writes it: {@code system}, {@code user-suffix}. */
    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The placement of that label; null for an unknown one. */
    public static PriorPlacement of(String label) {
        for (PriorPlacement placement : values()) {
            if (placement.label().equals(label)) {
                return placement;
            }
        }
        return null;
    }

    /** The conversation with {@code prior} placed in it; unchanged when the prior is empty. */
    public <M> List<M> place(List<M> messages, String prior, Conversation<M> shape) {
        if (prior == null || prior.isEmpty()) {
            return messages;
        }
        List<M> placed = new ArrayList<>(messages);
        if (this == SYSTEM) {
            M first = placed.isEmpty() ? null : placed.getFirst();
            if (first != null && isSystem(shape.role(first)) && shape.text(first) != null) {
                placed.set(0, shape.withText(first, shape.text(first) + BETWEEN + prior));
            }
            else {
                placed.addFirst(shape.message("system", prior));
            }
            return placed;
        }
        int last = lastUser(placed, shape);
        if (last < 0) {
            placed.add(shape.message("user", prior));
        }
        else if (shape.text(placed.get(last)) == null) {
            placed.add(last + 1, shape.message("user", prior));
        }
        else {
            placed.set(last, shape.withText(placed.get(last), shape.text(placed.get(last)) + BETWEEN + prior));
        }
        return placed;
    }

    private static <M> int lastUser(List<M> messages, Conversation<M> shape) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (shape.role(messages.get(i)).equals("user")) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isSystem(String role) {
        return role.equals("system") || role.equals("developer");
    }
}
