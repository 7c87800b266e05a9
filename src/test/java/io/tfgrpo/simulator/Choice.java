package io.tfgrpo.simulator;

/** One choice's content as sent, after the request's {@code stop} sequences and token limit. */
record Choice(int index, String content, String finishReason) {

    static Choice of(int index, String content, ChatRequest request) {
        int stopAt = request.stop().stream().mapToInt(content::indexOf).filter(i -> i >= 0).min().orElse(-1);
        if (stopAt >= 0) {
            content = content.substring(0, stopAt);
        }
        Integer max = request.maxTokens();
        if (max != null && Envelopes.tokens(content) > max) {
            return new Choice(index, content.substring(0, max * 4), "length");
        }
        return new Choice(index, content, "stop");
    }
}
