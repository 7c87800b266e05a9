package io.tfgrpo.llm;

import java.util.List;

/**
 * A call to make: which profile, why, on whose behalf (a job or evaluation id, for the ledger), the messages, and
 * the options that override the profile's defaults ({@code null} = the profile's). {@code seed} tells apart
 * samples of the same prompt (a rollout's index), so that a repeated call is recognisably the same call.
 */
public record ChatCall(String profile, Purpose purpose, String owner, List<ChatMessage> messages, Double temperature,
        Integer maxTokens, Integer seed, List<String> stop) {

    public ChatCall {
        messages = List.copyOf(messages);
        stop = stop == null ? List.of() : List.copyOf(stop);
    }

    public static ChatCall of(String profile, Purpose purpose, List<ChatMessage> messages) {
        return new ChatCall(profile, purpose, null, messages, null, null, null, null);
    }

    public ChatCall withStop(List<String> stop) {
        return new ChatCall(profile, purpose, owner, messages, temperature, maxTokens, seed, stop);
    }

    public ChatCall ownedBy(String owner) {
        return new ChatCall(profile, purpose, owner, messages, temperature, maxTokens, seed, stop);
    }

    public ChatCall withTemperature(Double temperature) {
        return new ChatCall(profile, purpose, owner, messages, temperature, maxTokens, seed, stop);
    }

    public ChatCall withMaxTokens(Integer maxTokens) {
        return new ChatCall(profile, purpose, owner, messages, temperature, maxTokens, seed, stop);
    }

    public ChatCall withSeed(Integer seed) {
        return new ChatCall(profile, purpose, owner, messages, temperature, maxTokens, seed, stop);
    }

    ChatCall withMessages(List<ChatMessage> messages) {
        return new ChatCall(profile, purpose, owner, messages, temperature, maxTokens, seed, stop);
    }
}
