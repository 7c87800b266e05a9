package io.tfgrpo.simulator;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.tfgrpo.simulator.LlmSimulator.Journal.Message;

/** The experience library as the service writes it into prompts: one per line, {@code [E12] text}. */
final class Experiences {

    private static final Pattern LINE = Pattern.compile("(?m)^\\s*\\[E\\d+]\\s");
    private static final Pattern CODE = Pattern.compile("\\[(E\\d+)]");

    private Experiences() {
    }

    static boolean carried(List<Message> messages) {
        return messages.stream().anyMatch(m -> LINE.matcher(m.content()).find());
    }

    /** Every code written as {@code [E\d+]} anywhere in the messages, in order of first appearance. */
    static List<String> codes(List<Message> messages) {
        Set<String> codes = new LinkedHashSet<>();
        for (Message message : messages) {
            Matcher matcher = CODE.matcher(message.content());
            while (matcher.find()) {
                codes.add(matcher.group(1));
            }
        }
        return List.copyOf(codes);
    }

    /** The text without its experience lines: what is left of a prompt that carries a library. */
    static String without(String text) {
        return text.lines().filter(line -> !LINE.matcher(line + " ").find()).reduce((a, b) -> a + "\n" + b).orElse("");
    }
}
