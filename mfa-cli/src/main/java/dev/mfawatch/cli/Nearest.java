package dev.mfawatch.cli;

import java.util.Collection;
import java.util.List;

/** The names nearest to a mistyped one, for "did you mean". */
final class Nearest {

    private Nearest() {
    }

    /**
     * The candidates at the smallest edit distance from {@code typed}, if that distance is small
     * enough to be a typo: at most 2, and at most half the typed word.
     *
     * @param candidates the names that exist
     * @param typed      what was typed
     * @return the nearest names in the candidates' order, or none
     */
    static List<String> among(Collection<String> candidates, String typed) {
        int best = Integer.MAX_VALUE;
        for (String c : candidates) {
            best = Math.min(best, distance(typed, c));
        }
        if (best > 2 || best * 2 > typed.length()) {
            return List.of();
        }
        int limit = best;
        return candidates.stream().filter(c -> distance(typed, c) == limit).toList();
    }

    /** Edits (insert, delete, replace, swap two neighbours) that turn a into b, case ignored. */
    static int distance(String a, String b) {
        String x = a.toLowerCase(java.util.Locale.ROOT);
        String y = b.toLowerCase(java.util.Locale.ROOT);
        int[][] d = new int[x.length() + 1][y.length() + 1];
        for (int i = 0; i <= x.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= y.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= x.length(); i++) {
            for (int j = 1; j <= y.length(); j++) {
                int cost = x.charAt(i - 1) == y.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && x.charAt(i - 1) == y.charAt(j - 2) && x.charAt(i - 2) == y.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[x.length()][y.length()];
    }
}
