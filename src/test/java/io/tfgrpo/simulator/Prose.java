package io.tfgrpo.simulator;

import java.util.List;
import java.util.SplittableRandom;

/** Plausible English for the simulator's answers, drawn from small phrase banks. */
final class Prose {

    private static final List<String> GIVENS = List.of("a rate and a total time", "quantities in different units",
            "a percentage change", "a figure with some side lengths", "a sequence defined by a rule",
            "a condition on remainders", "equally likely outcomes", "a ratio between two groups",
            "an equation with a parameter", "several constraints at once");
    private static final List<String> ACTIONS = List.of("convert every quantity to one unit",
            "write the defining equation explicitly", "list the known and the unknown values",
            "draw and label a diagram", "try a small case by hand", "restate what is asked in your own words",
            "check which constraint actually binds");
    private static final List<String> BEFORES = List.of("computing the final value", "simplifying",
            "choosing a formula", "answering", "combining partial results", "dividing", "counting cases");
    private static final List<String> GOOD = List.of("set up the relation between the quantities first",
            "checked the units before computing", "verified the result against every condition",
            "kept track of each case separately", "restated the question before calculating");
    private static final List<String> BAD = List.of("skipped the check of the final condition",
            "mixed up two of the quantities", "made an arithmetic slip in the middle step",
            "answered a different question than the one asked", "stopped before simplifying the result");
    private static final List<String> CLOSINGS = List.of("Making that step explicit is what separated them.",
            "The difference shows up in the last step.", "That habit is worth keeping as an experience.");
    private static final List<String> PHRASES = List.of("a consistent intermediate result",
            "the stated constraints", "a careful check of units", "the relation between the quantities",
            "an explicit equation", "the final condition", "a worked small case");
    private static final List<String> CHATS = List.of("No real model was called.",
            "The same request always gets this same reply.", "Vary the request's seed field for another sample.");

    private Prose() {
    }

    /** A general lesson of 14 to 23 words: "When a problem gives X, do Y before Z." */
    static String lesson(SplittableRandom random) {
        return "When a problem gives %s, %s before %s.".formatted(pick(GIVENS, random), pick(ACTIONS, random),
                pick(BEFORES, random));
    }

    /** One or two sentences comparing better and worse attempts. */
    static String analysis(SplittableRandom random) {
        String first = "The better attempts %s, while the weaker ones %s.".formatted(pick(GOOD, random),
                pick(BAD, random));
        return random.nextBoolean() ? first : first + " " + pick(CLOSINGS, random);
    }

    static String phrase(SplittableRandom random) {
        return pick(PHRASES, random);
    }

    static String chat(SplittableRandom random) {
        return "This is a synthetic reply from the LLM simulator. " + pick(CHATS, random);
    }

    /** The text cut at a word boundary so that it is at most {@code max} characters long. */
    static String fit(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        String cut = text.substring(0, max);
        int space = cut.lastIndexOf(' ');
        return (space > max / 2 ? cut.substring(0, space) : cut).replaceAll("[\\s,;:]+$", "");
    }

    static <T> T pick(List<T> items, SplittableRandom random) {
        return items.get(random.nextInt(items.size()));
    }
}
