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
