package io.tfgrpo.simulator;

import java.util.SplittableRandom;
import java.util.regex.Pattern;

/** A plausible wrong answer: a nearby integer for numbers, a changed digit or letter otherwise. */
final class WrongAnswers {

    private static final Pattern INTEGER = Pattern.compile("-?\\d{1,3}(,\\d{3})+|-?\\d+");
    private static final Pattern DECIMAL = Pattern.compile("-?\\d+\\.\\d+");
    private static final Pattern CHOICE = Pattern.compile("[A-Ea-e]");

    private WrongAnswers() {
    }

    static String near(String right, SplittableRandom random) {
        String answer = right.strip();
        int delta = (1 + random.nextInt(3)) * (random.nextBoolean() ? 1 : -1);
        if (INTEGER.matcher(answer).matches() && answer.length() < 18) {
            long value = Long.parseLong(answer.replace(",", ""));
            // keep a count a count: no negative wrong answer to a non-negative question
            return Long.toString(value >= 0 && value + delta < 0 ? value - delta : value + delta);
        }
        if (DECIMAL.matcher(answer).matches() && answer.length() < 18) {
            return Long.toString(Math.round(Double.parseDouble(answer)) + delta);
        }
        if (CHOICE.matcher(answer).matches()) {
            char letter = Character.toUpperCase(answer.charAt(0));
            return String.valueOf((char) ('A' + (letter - 'A' + 1 + random.nextInt(4)) % 5));
        }
        return changeOneDigit(answer, random);
    }

    private static String changeOneDigit(String answer, SplittableRandom random) {
        int digits = (int) answer.chars().filter(Character::isDigit).count();
        if (digits == 0) {
            return answer + " + 1";
        }
        int target = random.nextInt(digits);
        var changed = new StringBuilder(answer);
        for (int i = 0, seen = 0; i < changed.length(); i++) {
            if (Character.isDigit(changed.charAt(i)) && seen++ == target) {
                int digit = changed.charAt(i) - '0';
                changed.setCharAt(i, (char) ('0' + (digit + 1 + random.nextInt(9)) % 10));
                break;
            }
        }
        return changed.toString();
    }
}
