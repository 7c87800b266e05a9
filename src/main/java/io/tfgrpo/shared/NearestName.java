package io.tfgrpo.shared;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The known name a mistyped one most likely meant: the same once case, {@code _} and {@code -} are ignored
 * ({@code group_size} → {@code groupSize}), a few letters away ({@code epoch} → {@code epochs}), or its start
 * ({@code batch} → {@code batchSize}).
 */
final class NearestName {

    private static final int LONGEST_COMPARED = 100;

    private NearestName() {
    }

    static Optional<String> among(String given, Collection<String> known) {
        if (given.length() > LONGEST_COMPARED) {
            return Optional.empty();
        }
        String wanted = normalised(given);
        int allowed = wanted.length() <= 5 ? 1 : wanted.length() <= 10 ? 2 : 3;
        Optional<String> close = known.stream().filter(name -> !name.equals(given))
                .map(name -> new Candidate(name, distance(wanted, normalised(name))))
                .filter(candidate -> candidate.distance() <= allowed)
                .min(Comparator.comparingInt(Candidate::distance)).map(Candidate::name);
        if (close.isPresent() || wanted.length() < 4) {
            return close;
        }
        // a name cut short or run on: batch → batchSize, maxCost → maxCostUsd; only when that is the one such name
        List<String> stems = known.stream().filter(name -> normalised(name).startsWith(wanted)
                || wanted.startsWith(normalised(name)) && normalised(name).length() >= 4).toList();
        return stems.size() == 1 ? Optional.of(stems.getFirst()) : Optional.empty();
    }

    private record Candidate(String name, int distance) {
    }

    private static String normalised(String name) {
        return name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
    }

    /** Edits (insert, delete, replace, swap two neighbours) from one to the other. */
    private static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
