package io.tfgrpo.simulator;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A rollout's text: a few sentences of reasoning that mention the problem's numbers, then {@code \boxed{X}}. */
final class Rollouts {

    private static final Pattern NUMBER = Pattern.compile("\\d+(?:[.,]\\d+)*");
    private static final List<String> STEPS = List.of(
            "The problem gives %s and %s, so I first write down what is known and what is asked.",
            "Combining %s with %s step by step gives the intermediate result.",
            "I check that intermediate value against the condition involving %s before going on.",
            "Working through the arithmetic with %s carefully, the remaining step follows directly.",
            "Setting up the relation between %s and %s makes the unknown explicit.");

    private Rollouts() {
    }

    /** Two to four sentences; one of them cites an experience when the prompt carried some. */
    static String write(String problem, String answer, List<String> codes, SplittableRandom random) {
        List<String> numbers = numbers(problem);
        List<String> sentences = new ArrayList<>();
        int steps = 1 + random.nextInt(3);
        if (!codes.isEmpty()) {
            sentences.add("Following [%s], I start from what the problem states.".formatted(Prose.pick(codes, random)));
            steps = Math.max(1, steps - 1);
        }
        for (int i = 0; i < steps; i++) {
            String step = Prose.pick(STEPS, random);
            sentences.add(step.formatted(mention(numbers, random), mention(numbers, random)));
        }
        sentences.add("Therefore, the final answer is \\boxed{" + answer + "}.");
        return String.join(" ", sentences);
    }

    private static String mention(List<String> numbers, SplittableRandom random) {
        return numbers.isEmpty() ? "the given quantities" : Prose.pick(numbers, random);
    }

    static List<String> numbers(String problem) {
        Set<String> numbers = new LinkedHashSet<>();
        Matcher matcher = NUMBER.matcher(problem);
        while (matcher.find() && numbers.size() < 8) {
            numbers.add(matcher.group());
        }
        return List.copyOf(numbers);
    }
}
