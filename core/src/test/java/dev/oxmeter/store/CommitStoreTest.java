package dev.oxmeter.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oxmeter.people.CommitFacts;
import dev.oxmeter.people.Identity;
import dev.oxmeter.model.Oid;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Commit facts and the commit graph read back from the store exactly as they were saved. */
class CommitStoreTest {
    @TempDir
    Path dir;

    private static Oid oid(int n) {
        return Oid.fromHex(String.format("%040x", n));
    }

    @Test
    void factsAndGraphComeBackExactlyWhateverTheyHold() {
        // values holding what a packed read must not trip over: separators, digits and colons, newlines, non-ASCII
        // and characters outside the BMP, empty strings, and a NULL old path
        List<CommitFacts> facts = new ArrayList<>();
        String[] odd = {"", "12:34", "a\nb", "-1:", "Zoë 🦀 Ω", "x".repeat(5000), "tab\there", "co:lon"};
        for (int i = 0; i < 300; i++) {
            String s = odd[i % odd.length];
            List<CommitFacts.PersonTrailer> trailers = new ArrayList<>();
            for (int t = 0; t < i % 4; t++) {
                trailers.add(new CommitFacts.PersonTrailer(t == 0 ? "Co-developed-by" : "Reviewed-by",
                        new Identity("N" + t + s, "p" + t + "@x.org"), "v" + t + s));
            }
            List<CommitFacts.FileFact> files = new ArrayList<>();
            files.add(new CommitFacts.FileFact("src/" + s + i + ".rs", i % 3 == 0 ? null : "old/" + s,
                    i % 2 == 0 ? "MODIFY" : "RENAME", i % 5 == 0 ? "C" : "Rust", i * 7, i));
            if (i % 2 == 1) {
                files.add(new CommitFacts.FileFact("lib/" + i + ".rs", null, "ADD", "Rust", 1, 0));
            }
            facts.add(new CommitFacts(oid(i + 1), i == 0 ? 0 : 1, new Identity("Au" + s, "a" + i + "@x.org"),
                    Instant.ofEpochMilli(1_600_000_000_000L + i * 1000L), Instant.ofEpochMilli(1_600_000_500_000L + i),
                    "subject " + s, trailers, files));
        }
        Map<Oid, List<Oid>> graph = new HashMap<>();
        graph.put(oid(1), List.of());
        graph.put(oid(2), List.of(oid(1)));
        graph.put(oid(3), List.of(oid(2), oid(1)));
        graph.put(oid(4), List.of(oid(3), oid(2), oid(1)));
        try (Store store = Store.open(dir.resolve("s.duckdb"), m -> { })) {
            CommitStore cs = CommitStore.open(store, "v", m -> { });
            cs.saveParents(graph);
            cs.save(facts);
        }
        try (Store store = Store.open(dir.resolve("s.duckdb"), m -> { })) {
            CommitStore cs = CommitStore.open(store, "v", m -> { });
            assertThat(cs.parents()).isEqualTo(graph);
            assertThat(cs.isKnown(oid(300))).isTrue();
            assertThat(cs.isKnown(oid(301))).isFalse();
            assertThat(cs.step(oid(3))).isEqualTo(new dev.oxmeter.timeline.Timeline.KnownCommits.Step(
                    facts.get(2).commitTime().truncatedTo(java.time.temporal.ChronoUnit.SECONDS), oid(2)));
            assertThat(cs.step(oid(1))).isEqualTo(new dev.oxmeter.timeline.Timeline.KnownCommits.Step(
                    facts.get(0).commitTime().truncatedTo(java.time.temporal.ChronoUnit.SECONDS), null));
            assertThat(cs.step(oid(5))).as("facts kept, parents not in the graph").isNull();
            List<CommitFacts> rust = new ArrayList<>(cs.touching("Rust"));
            rust.sort(Comparator.comparing(CommitFacts::id));
            List<CommitFacts> expected = new ArrayList<>();
            for (CommitFacts f : facts) {
                List<CommitFacts.FileFact> only = f.files().stream().filter(x -> x.language().equals("Rust")).toList();
                if (!only.isEmpty()) {
                    expected.add(new CommitFacts(f.id(), f.parents(), f.author(), f.authorTime(), f.commitTime(),
                            f.subject(), f.trailers(), only));
                }
            }
            assertThat(rust).hasSize(expected.size()).isEqualTo(expected);

            // only the trailers asked for, everything else the same
            List<CommitFacts> reviewed = new ArrayList<>(cs.touching("Rust", java.util.Set.of("Reviewed-by")));
            reviewed.sort(Comparator.comparing(CommitFacts::id));
            List<CommitFacts> expectedReviewed = new ArrayList<>();
            for (CommitFacts f : expected) {
                expectedReviewed.add(new CommitFacts(f.id(), f.parents(), f.author(), f.authorTime(), f.commitTime(),
                        f.subject(), f.trailers().stream().filter(t -> t.key().equals("Reviewed-by")).toList(),
                        f.files()));
            }
            assertThat(reviewed).isEqualTo(expectedReviewed);
            assertThat(reviewed.stream().mapToInt(f -> f.trailers().size()).sum()).isPositive();
            assertThat(cs.touching("Rust", java.util.Set.of())).allMatch(f -> f.trailers().isEmpty())
                    .hasSize(expected.size());
        }
    }
}
