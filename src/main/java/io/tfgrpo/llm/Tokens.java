package io.tfgrpo.llm;

import java.util.List;

/** A token estimate for providers that report no usage: about four characters a token. */
final class Tokens {

    private Tokens() {
    }

    static int estimate(String text) {
        return text == null ? 0 : (text.length() + 3) / 4;
    }

    static int estimate(List<ChatMessage> messages) {
        return messages.stream().mapToInt(m -> estimate(m.content()) + 4).sum();
    }
}
