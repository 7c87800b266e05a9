package io.tfgrpo.shared;

/**
 * How one kind of chat message is read and written (the gateway's messages, a Chat Completions body's JSON), so
 * that a rule about where text goes in a conversation is written once and applied to every kind alike.
 *
 * @param <M> the message type
 */
public interface Conversation<M> {

    /** The message's role, lower case: {@code system}, {@code developer}, {@code user}, {@code assistant}... */
    String role(M message);

    /** The message's text, or null when its content is not plain text (parts, images, none). */
    String text(M message);

    /** The message with its text replaced by {@code text}, everything else kept. */
    M withText(M message, String text);

    /** A new message of that role holding {@code text}. */
    M message(String role, String text);
}
