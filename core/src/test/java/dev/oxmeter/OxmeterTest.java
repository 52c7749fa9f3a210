package dev.oxmeter;

import static dev.oxmeter.source.TestRepos.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oxmeter.model.Composition;
import dev.oxmeter.model.Revision;
import dev.oxmeter.source.TestRepos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The library's entry point: store-or-compute, the default timeline, the one ownership rule, no store on bad input. */
class OxmeterTest {
    @TempDir
    Path tmp;
    Path repo;

    /** v1 (C only), v2 (C and Rust, two CODEOWNERS), v3 (a MAINTAINERS too); Rust code 2 then 3. */
    @BeforeEach
    void history() throws Exception {
        repo = tmp.resolve("r.git");
        try (TestRepos t = TestRepos.bare(repo)) {
            TestRepos.Snapshot s = snapshot().file("src/a.c", "int a;\nint b;\n/* c */\n");
            t.commit(s.at("2024-01-01T00:00:00Z"));
            t.tag("v1");
            s.file("rust/x.rs", "fn x() {}\n\nfn y() {}\n")
                    .file("CODEOWNERS", "rust/ @plain\n").file(".github/CODEOWNERS", "rust/*.rs @github\n");
            t.commit(s.at("2024-02-01T00:00:00Z"));
            t.tag("v2");
            s.file("rust/z.rs", "fn z() {}\n").file("MAINTAINERS", "RUST\nM:\tR <r@x.org>\nF:\trust/\n");
            t.commit(s.at("2024-03-01T00:00:00Z"));
            t.tag("v3");
        }
    }

    @Test
    void compositionsAreServedFromTheStoreAndEqualAFreshRun() {
        Path store = tmp.resolve("s.duckdb");
        Map<Revision, Composition> first;
        try (Oxmeter ox = Oxmeter.at(repo).store(store).open()) {
            List<Revision> revs = ox.timeline();
            assertThat(revs).extracting(Revision::label).containsExactly("v1", "v2", "v3");
            first = ox.compositions(revs);
            assertThat(ox.servedFromStore()).isZero();
            assertThat(first.values()).extracting(c -> c.row("Rust").code()).containsExactly(0L, 2L, 3L);
            assertThat(ox.rustShare(first.get(revs.get(1)))).isEqualTo(50.0);
        }
        try (Oxmeter ox = Oxmeter.at(repo).store(store).open()) {
            Map<Revision, Composition> again = ox.compositions(ox.timeline());
            assertThat(ox.servedFromStore()).isEqualTo(3);
            assertThat(again).isEqualTo(first);
        }
        try (Oxmeter fresh = Oxmeter.open(repo)) {
            assertThat(fresh.compositions(fresh.timeline())).isEqualTo(first);
            assertThat(fresh.storeFile()).isNull();
        }
    }

    @Test
    void tagTargetsKeptInTheStoreGiveTheTimelinesOfAFreshRun() throws Exception {
        try (TestRepos t = TestRepos.open(repo)) {
            t.lightweightTag("lw");
            // tagged last but sorting first by version: the date order must use the kept tagger date
            t.tag("v0.9", "T Agger", "t@example.org", "2025-06-01T00:00:00Z", "late");
            t.treeTag("tree-only");  // kept too, and skipped by every run alike
        }
        Path store = tmp.resolve("s.duckdb");
        List<List<Revision>> cold = timelines(store);
        assertThat(cold.get(1)).extracting(Revision::label).endsWith("v0.9");
        assertThat(cold.get(0)).extracting(Revision::label).startsWith("v0.9");
        try (dev.oxmeter.store.Store s = dev.oxmeter.store.Store.open(store, n -> { })) {
            assertThat(dev.oxmeter.store.TagTargetStore.load(s)).hasSize(6);
        }
        assertThat(timelines(store)).isEqualTo(cold);
        assertThat(timelines(null)).isEqualTo(cold);

        String moved;
        try (TestRepos t = TestRepos.open(repo)) {
            moved = t.commit(snapshot().file("src/a.c", "int a;\n").at("2024-04-01T00:00:00Z"));
            t.tag("v2");
        }
        List<List<Revision>> warm = timelines(store);
        assertThat(warm).isEqualTo(timelines(null));
        assertThat(warm.get(0)).filteredOn(r -> r.label().equals("v2")).singleElement()
                .satisfies(r -> assertThat(r.commit().hex()).isEqualTo(moved));
    }

    /** Every tag by version and by date, and their compositions computed (which saves the tag targets). */
    private List<List<Revision>> timelines(Path store) {
        Oxmeter.Builder b = Oxmeter.at(repo);
        if (store != null) {
            b.store(store);
        }
        try (Oxmeter ox = b.open()) {
            List<Revision> byVersion = ox.tags(List.of("*"), List.of(), dev.oxmeter.timeline.Timeline.Order.VERSION,
                    "HEAD", null, null, k -> { });
            List<Revision> byDate = ox.tags(List.of("*"), List.of(), dev.oxmeter.timeline.Timeline.Order.DATE,
                    "HEAD", null, null, k -> { });
            ox.compositions(byVersion);
            return List.of(byVersion, byDate);
        }
    }

    @Test
    void badInputCreatesNoStore() {
        Path store = tmp.resolve("never.duckdb");
        try (Oxmeter ox = Oxmeter.at(repo).store(store).open()) {
            assertThatThrownBy(() -> ox.revisions(List.of("no-such-rev"))).isInstanceOf(OxmeterException.class);
        }
        assertThat(Files.exists(store)).isFalse();
    }

    @Test
    void oneOwnershipRuleMaintainersThenCodeownersInGithubOrderThenTopDirectories() {
        List<String> notices = new ArrayList<>();
        try (Oxmeter ox = Oxmeter.at(repo).notices(notices::add).open()) {
            assertThat(ox.ownership(ox.files(ox.resolve("v1"))).file()).isEqualTo("top directories");
            assertThat(ox.ownership(ox.files(ox.resolve("v2"))).file()).isEqualTo(".github/CODEOWNERS");
            assertThat(ox.ownership(ox.files(ox.resolve("v3"))).file()).isEqualTo("MAINTAINERS");
            Oxmeter.Owners owners = ox.owners(ox.catalog().byName("Rust").orElseThrow(),
                    List.of(ox.resolve("v2")), true);
            assertThat(owners.source()).isEqualTo(".github/CODEOWNERS");
            assertThat(owners.perRevision().values().iterator().next()).containsOnlyKeys("rust/*.rs");
        }
        assertThat(notices).isEmpty();
    }

    @Test
    void badGlobsAndOptionsAreRefusedBeforeOpening() {
        assertThatThrownBy(() -> Oxmeter.checkGlob("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Oxmeter.at(repo).threads(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Oxmeter.at(repo).maxBlobBytes(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
