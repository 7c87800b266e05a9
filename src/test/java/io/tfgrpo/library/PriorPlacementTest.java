package io.tfgrpo.library;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.tfgrpo.shared.Conversation;

/** The placement rule on its own, for the shapes of conversation clients send. */
class PriorPlacementTest {

    /** A message as a client may send it: {@code text} null when its content is given as parts. */
    record Message(String role, String text) {
    }

    static final Conversation<Message> SHAPE = new Conversation<>() {
        public String role(Message message) {
            return message.role();
        }

        public String text(Message message) {
            return message.text();
        }

        public Message withText(Message message, String text) {
            return new Message(message.role(), text);
        }

        public Message message(String role, String text) {
            return new Message(role, text);
        }
    };

    static final String PRIOR = "Read these.\n[E1] Check units.";

    @Test
    void systemJoinsTheFirstSystemOrDeveloperMessageOrComesFirst() {
        assertThat(PriorPlacement.SYSTEM.place(List.of(new Message("developer", "Be brief."), new Message("user", "Q")),
                PRIOR, SHAPE)).containsExactly(new Message("developer", "Be brief.\n\n" + PRIOR), new Message("user", "Q"));
        assertThat(PriorPlacement.SYSTEM.place(List.of(new Message("user", "Q")), PRIOR, SHAPE))
                .containsExactly(new Message("system", PRIOR), new Message("user", "Q"));
    }

    @Test
    void userSuffixFollowsTheProblemInTheLastUserMessage() {
        List<Message> conversation = List.of(new Message("system", "Be brief."), new Message("user", "First"),
                new Message("assistant", "A"), new Message("user", "Q"));
        assertThat(PriorPlacement.USER_SUFFIX.place(conversation, PRIOR, SHAPE)).containsExactly(
                new Message("system", "Be brief."), new Message("user", "First"), new Message("assistant", "A"),
                new Message("user", "Q\n\n" + PRIOR));
        // content given as parts is left as it is: the prior follows it in a message of its own
        assertThat(PriorPlacement.USER_SUFFIX.place(List.of(new Message("user", null), new Message("assistant", "A")),
                PRIOR, SHAPE)).containsExactly(new Message("user", null), new Message("user", PRIOR),
                        new Message("assistant", "A"));
        assertThat(PriorPlacement.USER_SUFFIX.place(List.of(new Message("system", "S")), PRIOR, SHAPE))
                .containsExactly(new Message("system", "S"), new Message("user", PRIOR));
    }

    @Test
    void anEmptyPriorChangesNothingAndLabelsAreTheApisWords() {
        List<Message> conversation = List.of(new Message("user", "Q"));
        assertThat(PriorPlacement.USER_SUFFIX.place(conversation, "", SHAPE)).isSameAs(conversation);
        assertThat(PriorPlacement.USER_SUFFIX.label()).isEqualTo("user-suffix");
        assertThat(PriorPlacement.of("system")).isEqualTo(PriorPlacement.SYSTEM);
        assertThat(PriorPlacement.of("after")).isNull();
    }
}
