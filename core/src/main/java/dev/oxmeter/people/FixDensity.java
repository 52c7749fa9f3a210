package dev.oxmeter.people;

import dev.oxmeter.model.Oid;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fix commits per language and window: a non-merge commit carrying at least one {@code Fixes:} trailer counts for
 * every language of the (non-excluded) files it modifies. Stateless.
 */
public final class FixDensity {
    private FixDensity() {
    }

    /** Fix commits of one language in one window. */
    public record Row(Contributions.WindowSpec window, String language, long fixCommits, long commits) {
    }

    /**
     * Counts, for each window and language, the fix commits and all non-merge commits touching the language.
     *
     * @param touching per language, the commits touching it, already filtered for exclusions
     * @param graph    the commit graph holding every window's ends and starts
     */
    public static List<Row> count(List<Contributions.WindowSpec> windows, Map<String, List<CommitFacts>> touching,
                                  CommitGraph graph) {
        List<Row> out = new ArrayList<>();
        for (Contributions.WindowSpec w : windows) {
            Set<Oid> range = new HashSet<>(graph.window(w.end().commit(), w.start()).commits());
            Map<String, long[]> perLanguage = new LinkedHashMap<>();
            touching.forEach((language, commits) -> {
                long[] acc = perLanguage.computeIfAbsent(language, l -> new long[2]);
                for (CommitFacts c : commits) {
                    if (!c.isMerge() && range.contains(c.id()) && touches(c, language)) {
                        acc[1]++;
                        if (c.fixes() > 0) {
                            acc[0]++;
                        }
                    }
                }
            });
            perLanguage.forEach((language, acc) -> out.add(new Row(w, language, acc[0], acc[1])));
        }
        return out;
    }

    private static boolean touches(CommitFacts c, String language) {
        for (CommitFacts.FileFact f : c.files()) {
            if (f.language().equals(language)) {
                return true;
            }
        }
        return false;
    }
}
