package dev.oxmeter.toolchain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The toolchain facts of a timeline: each revision's facts, the third-party crates added, removed and updated
 * since the previous revision, and the distributions current at its date with whether they can build it.
 * Immutable.
 */
public record ToolchainTimeline(List<Entry> entries) {
    public ToolchainTimeline {
        entries = List.copyOf(entries);
    }

    /**
     * Changes to the third-party crates (registry, git and other sources) of the lock files outside test and
     * example directories, by crate name: added and removed names ("name version"), and names whose set of
     * versions changed ("name old → new"). The first revision counts every crate as added.
     */
    public record CrateChanges(List<String> added, List<String> removed, List<String> updated) {
        public CrateChanges {
            added = List.copyOf(added);
            removed = List.copyOf(removed);
            updated = List.copyOf(updated);
        }
    }

    /** One revision with its changes and its builders (empty when the revision has no date). */
    public record Entry(RevisionToolchain revision, CrateChanges changes, List<Distributions.Builder> builders) {
        public Entry {
            Objects.requireNonNull(revision, "revision");
            builders = List.copyOf(builders);
        }

        /** The builders that can build it, by line name. */
        public List<String> canBuild() {
            return builders.stream().filter(b -> Boolean.TRUE.equals(b.canBuild())).map(b -> b.line().line())
                    .toList();
        }

        /** The builders that cannot (their rustc is older than the minimum). */
        public List<String> cannotBuild() {
            return builders.stream().filter(b -> Boolean.FALSE.equals(b.canBuild())).map(b -> b.line().line())
                    .toList();
        }
    }

    /** Folds scanned revisions (oldest first) against the distribution data. Cost: linear in crates. */
    public static ToolchainTimeline of(List<RevisionToolchain> revisions, Distributions data) {
        List<Entry> out = new ArrayList<>();
        Map<String, Set<String>> before = Map.of();
        for (RevisionToolchain r : revisions) {
            Map<String, Set<String>> now = thirdParty(r);
            List<String> added = new ArrayList<>();
            List<String> removed = new ArrayList<>();
            List<String> updated = new ArrayList<>();
            for (Map.Entry<String, Set<String>> e : now.entrySet()) {
                Set<String> old = before.get(e.getKey());
                if (old == null) {
                    added.add(e.getKey() + " " + String.join(", ", e.getValue()));
                } else if (!old.equals(e.getValue())) {
                    updated.add(e.getKey() + " " + String.join(", ", old) + " \u2192 " + String.join(", ", e.getValue()));
                }
            }
            for (Map.Entry<String, Set<String>> e : before.entrySet()) {
                if (!now.containsKey(e.getKey())) {
                    removed.add(e.getKey() + " " + String.join(", ", e.getValue()));
                }
            }
            List<Distributions.Builder> builders = r.date() == null ? List.of() : data.at(r.date(), r.required());
            out.add(new Entry(r, new CrateChanges(added, removed, updated), builders));
            before = now;
        }
        return new ToolchainTimeline(out);
    }

    private static Map<String, Set<String>> thirdParty(RevisionToolchain r) {
        Map<String, Set<String>> out = new TreeMap<>();
        for (RevisionToolchain.Lock l : r.locks()) {
            if (l.testOrExample()) {
                continue;
            }
            for (CargoLock.Crate c : l.crates()) {
                if (c.kind() != CargoLock.Source.LOCAL) {
                    out.computeIfAbsent(c.name(), k -> new TreeSet<>()).add(c.version() == null ? "?" : c.version());
                }
            }
        }
        return out;
    }
}
