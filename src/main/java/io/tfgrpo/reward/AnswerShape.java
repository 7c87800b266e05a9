package io.tfgrpo.reward;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The structure of a normalised answer: a single {@link Atom}, or a {@link Group} of answers such as a tuple,
 * an interval, a list, a set, a union of intervals or a matrix. Groups match element-wise.
 */
sealed interface AnswerShape permits Atom, AnswerShape.Group {

    Pattern MATRIX = Pattern.compile("\\\\begin\\{([pbBvV]?matrix)\\}(.*)\\\\end\\{\\1\\}", Pattern.DOTALL);
    /** Commas that only group digits: the whole answer holds one number like 1,000 or 12,345.5 and nothing else. */
    Pattern THOUSANDS = Pattern.compile("[^,]*?(?<![\\d.])\\d{1,3}(?:,\\d{3})+(?![\\d,])[^,]*");

    boolean sameAs(AnswerShape other);

    /** @throws Deadline.Passed when the deadline passes before the answer is read */
    static AnswerShape parse(String normalised, Deadline deadline) {
        deadline.check();
        String s = Atom.ASSIGNMENT.matcher(normalised.strip()).replaceFirst("");
        Matcher matrix = MATRIX.matcher(s);
        if (matrix.matches()) {
            List<AnswerShape> rows = new ArrayList<>();
            for (String row : split(matrix.group(2), "\\\\")) {
                rows.add(new Group("row", parse(split(row, "&"), deadline), true));
            }
            return new Group("matrix", rows, true);
        }
        List<String> union = split(s, "\\cup");
        if (union.size() > 1) {
            return new Group("union", parse(union, deadline), false);
        }
        if (s.startsWith("\\{") && s.endsWith("\\}") && closing(s, 1) == s.length() - 1) {
            return new Group("set", parse(split(s.substring(2, s.length() - 2), ","), deadline), false);
        }
        if (!s.isEmpty() && "([".indexOf(s.charAt(0)) >= 0 && closing(s, 0) == s.length() - 1
                && ")]".indexOf(s.charAt(s.length() - 1)) >= 0) {
            String inner = s.substring(1, s.length() - 1);
            List<String> parts = split(inner, ",");
            if (parts.size() > 1) {
                // (1, 2) and [1, 2] and (1, 2] all differ: the brackets are part of the answer
                return new Group(s.charAt(0) + "" + s.charAt(s.length() - 1), parse(parts, deadline), true);
            }
            if (s.startsWith("(") && s.endsWith(")")) {
                // only grouping: (5) is 5 and (A) is A
                return parse(inner, deadline);
            }
        }
        List<String> parts = split(s, ",");
        if (parts.size() > 1 && !THOUSANDS.matcher(s).matches()) {
            return new Group("list", parse(parts, deadline), true);
        }
        return Atom.of(s, deadline);
    }

    private static List<AnswerShape> parse(List<String> parts, Deadline deadline) {
        return parts.stream().map(part -> parse(part, deadline)).toList();
    }

    /** Splits at {@code separator} outside brackets and braces. */
    private static List<String> split(String s, String separator) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int from = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (depth == 0 && s.startsWith(separator, i)) {
                parts.add(s.substring(from, i));
                from = i + separator.length();
                i = from - 1;
            }
            else if ("([{".indexOf(c) >= 0) {
                depth++;
            }
            else if (")]}".indexOf(c) >= 0) {
                depth = Math.max(0, depth - 1);
            }
        }
        parts.add(s.substring(from));
        return parts;
    }

    /** The index of the bracket closing the one at {@code open}, any kind closing any kind (intervals mix them). */
    private static int closing(String s, int open) {
        int depth = 0;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if ("([{".indexOf(c) >= 0) {
                depth++;
            }
            else if (")]}".indexOf(c) >= 0 && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Several answers in one.
     *
     * @param kind    the brackets ({@code ()}, {@code [)}, ...) or {@code list}, {@code set}, {@code union},
     *                {@code matrix} or {@code row}; groups of different kinds never match
     * @param ordered whether the parts must match in order (sets and unions need not)
     */
    record Group(String kind, List<AnswerShape> parts, boolean ordered) implements AnswerShape {

        @Override
        public boolean sameAs(AnswerShape other) {
            if (!(other instanceof Group that) || !kind.equals(that.kind) || parts.size() != that.parts.size()) {
                return false;
            }
            if (ordered) {
                for (int i = 0; i < parts.size(); i++) {
                    if (!parts.get(i).sameAs(that.parts.get(i))) {
                        return false;
                    }
                }
                return true;
            }
            List<AnswerShape> unmatched = new ArrayList<>(that.parts);
            for (AnswerShape part : parts) {
                int match = indexOfSame(unmatched, part);
                if (match < 0) {
                    return false;
                }
                unmatched.remove(match);
            }
            return true;
        }

        private static int indexOfSame(List<AnswerShape> candidates, AnswerShape part) {
            for (int i = 0; i < candidates.size(); i++) {
                if (part.sameAs(candidates.get(i))) {
                    return i;
                }
            }
            return -1;
        }
    }
}
