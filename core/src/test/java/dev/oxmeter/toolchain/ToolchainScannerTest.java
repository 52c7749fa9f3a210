package dev.oxmeter.toolchain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oxmeter.aggregate.ScanOptions;
import dev.oxmeter.model.Revision;
import dev.oxmeter.source.GitRepo;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolchainScannerTest {
    @TempDir
    static Path tmp;
    static List<RevisionToolchain> revs;
    static ToolchainTimeline timeline;
    static ToolchainScanner.Stats stats;
    static List<RevisionToolchain> again;
    static RevisionToolchain v2WithVendored;
    static RevisionToolchain v2WithoutTests;

    @BeforeAll
    static void scan() throws Exception {
        Path dir = ToolchainFixture.build(tmp.resolve("t.git"));
        try (GitRepo repo = GitRepo.open(dir)) {
            List<Revision> list = Stream.of("v1", "v2", "v3", "v4", "v5").map(repo::resolve).toList();
            ToolchainScanner scanner = new ToolchainScanner(repo, ScanOptions.DEFAULTS);
            revs = scanner.scan(list);
            again = scanner.scan(list);
            stats = scanner.stats();
            v2WithVendored = new ToolchainScanner(repo, new ScanOptions(1 << 20, List.of(), true))
                    .scan(List.of(list.get(1))).get(0);
            v2WithoutTests = new ToolchainScanner(repo, new ScanOptions(1 << 20, List.of("tests/"), false))
                    .scan(List.of(list.get(1))).get(0);
        }
        timeline = ToolchainTimeline.of(revs, Distributions.standard());
    }

    @Test
    void aRevisionWithoutRustDeclaresNothing() {
        RevisionToolchain v1 = revs.get(0);
        assertThat(v1.hasRust()).isFalse();
        assertThat(v1.minimum()).isNull();
        assertThat(v1.required()).isNull();
        assertThat(v1.manifests()).isEmpty();
        assertThat(v1.locks()).isEmpty();
        assertThat(timeline.entries().get(0).canBuild()).isEmpty();
        assertThat(timeline.entries().get(0).cannotBuild()).isEmpty();
        assertThat(timeline.entries().get(0).builders()).isNotEmpty(); // distributions are listed, unjudged
    }

    @Test
    void workspaceInheritanceResolvesThroughTheRoot() {
        RevisionToolchain v2 = revs.get(1);
        assertThat(v2.minimum()).hasToString("1.70");
        assertThat(v2.minimumFrom()).isEqualTo("Cargo.toml");
        assertThat(v2.strictest()).hasToString("1.81");
        assertThat(v2.strictestFrom()).isEqualTo("tests/fixture/Cargo.toml");
        Map<String, RevisionToolchain.Manifest> m = v2.manifests().stream()
                .collect(java.util.stream.Collectors.toMap(RevisionToolchain.Manifest::path, x -> x));
        assertThat(m.keySet()).containsExactlyInAnyOrder("Cargo.toml", "crates/a/Cargo.toml", "crates/b/Cargo.toml",
                "tests/fixture/Cargo.toml");
        assertThat(m.get("Cargo.toml").declared()).isEqualTo("workspace.package");
        assertThat(m.get("crates/a/Cargo.toml").rustVersion()).hasToString("1.70");
        assertThat(m.get("crates/a/Cargo.toml").declared()).isEqualTo("workspace");
        assertThat(m.get("crates/a/Cargo.toml").edition()).isEqualTo("2021");
        assertThat(m.get("crates/b/Cargo.toml").rustVersion()).hasToString("1.74");
        assertThat(m.get("tests/fixture/Cargo.toml").testOrExample()).isTrue();
        // a, b (2018), the test fixture without an edition (2015); the virtual root has no package
        assertThat(v2.editions()).containsExactly(Map.entry("2015", 1), Map.entry("2018", 1), Map.entry("2021", 1));
    }

    @Test
    void vendoredCratesAreCountedApartAndDeclareNothing() {
        RevisionToolchain v2 = revs.get(1);
        assertThat(v2.vendored()).containsExactly("vendor/foo");
        assertThat(v2.manifests()).noneMatch(x -> x.path().startsWith("vendor/"));
        assertThat(revs.get(3).vendored()).containsExactly("rust/syn");
        assertThat(revs.get(4).vendored()).containsExactly("rust/quote", "rust/syn");
    }

    @Test
    void scanRulesApply() {
        // --include-vendored: the vendored crate's manifests count (1.80 < the test fixture's 1.81)
        assertThat(v2WithVendored.manifests()).extracting(RevisionToolchain.Manifest::path)
                .contains("vendor/foo/Cargo.toml", "vendor/foo/examples/x/Cargo.toml");
        assertThat(v2WithVendored.vendored()).containsExactly("vendor/foo");
        // --exclude tests/: the test manifest and lock file are not read
        assertThat(v2WithoutTests.strictest()).hasToString("1.74");
        assertThat(v2WithoutTests.locks()).extracting(RevisionToolchain.Lock::path).containsExactly("Cargo.lock");
    }

    @Test
    void lockFilesSplitBySourceAndTestLocksApart() {
        RevisionToolchain v2 = revs.get(1);
        assertThat(v2.locks()).hasSize(2);
        RevisionToolchain.Lock main = v2.locks().stream().filter(l -> l.path().equals("Cargo.lock")).findFirst()
                .orElseThrow();
        assertThat(main.format()).isEqualTo(3);
        assertThat(main.testOrExample()).isFalse();
        assertThat(main.count(CargoLock.Source.LOCAL)).isEqualTo(2);
        assertThat(main.count(CargoLock.Source.REGISTRY)).isEqualTo(3);
        assertThat(main.count(CargoLock.Source.GIT)).isEqualTo(1);
        RevisionToolchain.Lock test = v2.locks().stream().filter(l -> l.path().equals("tests/fixture/Cargo.lock"))
                .findFirst().orElseThrow();
        assertThat(test.testOrExample()).isTrue();
        assertThat(test.format()).isEqualTo(4);
        assertThat(test.count(CargoLock.Source.REGISTRY)).isEqualTo(2);
        // the first revision with crates adds every third-party crate of the main lock file, not the test one's
        assertThat(timeline.entries().get(1).changes().added()).containsExactly("anyhow 1.0.0", "libc 0.2.150",
                "pcre2 0.2.9", "serde 1.0.100");
    }

    @Test
    void templatesAndLegacyLockFormat() {
        RevisionToolchain v3 = revs.get(2);
        assertThat(v3.minimum()).hasToString("1.75");
        assertThat(v3.minimumFrom()).isEqualTo("Cargo.toml.in");
        RevisionToolchain.Manifest tool = v3.manifests().stream().filter(x -> x.path().equals("tools/Cargo.toml.in"))
                .findFirst().orElseThrow();
        assertThat(tool.declared()).isEqualTo("unresolved");
        assertThat(tool.rustVersion()).isNull();
        assertThat(tool.name()).isEqualTo("tool");
        assertThat(v3.editions()).containsExactly(Map.entry("2015", 1), Map.entry("2021", 1));
        RevisionToolchain.Lock lock = v3.locks().get(0);
        assertThat(lock.format()).isEqualTo(1);
        assertThat(lock.count(CargoLock.Source.LOCAL)).isEqualTo(1);
        assertThat(lock.count(CargoLock.Source.REGISTRY)).isEqualTo(3);
        ToolchainTimeline.CrateChanges c = timeline.entries().get(2).changes();
        assertThat(c.added()).containsExactly("log 0.4.0");
        assertThat(c.removed()).containsExactly("anyhow 1.0.0", "pcre2 0.2.9");
        assertThat(c.updated()).containsExactly("serde 1.0.100 \u2192 1.0.200");
    }

    @Test
    void toolchainFilesBothForms() {
        assertThat(revs.get(1).channel()).isEqualTo("1.72.0");
        assertThat(revs.get(1).toolchains().get(0).version()).hasToString("1.72.0");
        assertThat(revs.get(2).channel()).isEqualTo("nightly-2024-05-01");
        assertThat(revs.get(2).toolchains().get(0).version()).isNull();
    }

    @Test
    void kernelMinimumsInBothShapes() {
        RevisionToolchain v4 = revs.get(3);
        assertThat(v4.kernel().rustc()).hasToString("1.78.0");
        assertThat(v4.kernel().rustcBy()).isEmpty();
        assertThat(v4.kernel().bindgen()).isEqualTo("0.65.1");
        assertThat(v4.required()).hasToString("1.78.0");
        assertThat(v4.requiredFrom()).isEqualTo("scripts/min-tool-version.sh");
        assertThat(v4.minimum()).isNull();
        RevisionToolchain v5 = revs.get(4);
        assertThat(v5.kernel().rustc()).hasToString("1.85.0");
        assertThat(v5.kernel().rustcBy()).containsExactly(Map.entry("s390", "1.96.0"));
        assertThat(v5.kernel().bindgen()).isEqualTo("0.71.1");
    }

    @Test
    void whoCanBuildIt() {
        ToolchainTimeline.Entry v2 = timeline.entries().get(1);
        // 2023-09-01, 1.70: only Fedora (1.72, the stable release then) among the lines current that day
        assertThat(v2.canBuild()).containsExactly("Fedora");
        assertThat(v2.cannotBuild()).containsExactly("Debian 11 (bullseye)", "Debian 12 (bookworm)",
                "Ubuntu 22.04 LTS (jammy)");
        ToolchainTimeline.Entry v4 = timeline.entries().get(3);
        // 2024-12-01, 1.78.0: bullseye past its end of life, RHEL 9 without a figure after 9.5
        assertThat(v4.cannotBuild()).containsExactly("Debian 12 (bookworm)", "Ubuntu 22.04 LTS (jammy)",
                "Ubuntu 24.04 LTS (noble)");
        assertThat(v4.canBuild()).containsExactly("Fedora");
        assertThat(v4.builders()).anySatisfy(b -> {
            assertThat(b.line().line()).isEqualTo("RHEL 9 / AlmaLinux 9");
            assertThat(b.rustc()).isNull();
        });
        ToolchainTimeline.Entry v5 = timeline.entries().get(4);
        // 2026-07-01, 1.85.0: bookworm has ended; trixie ships 1.85.1
        assertThat(v5.canBuild()).containsExactly("Debian 13 (trixie)", "Fedora");
    }

    @Test
    void eachTreeAndBlobIsReadOnce() {
        assertThat(again).isEqualTo(revs);
        // the second pass over the same revisions reads nothing
        assertThat(stats.treesReused()).isGreaterThanOrEqualTo(5);
        long firstPassBlobs = stats.blobsParsed();
        // v2: 4 manifests, 2 lock files, rust-toolchain; v3: 2 templates, a lock file, rust-toolchain.toml; v4, v5: the
        // script (vendored manifests are not read)
        assertThat(firstPassBlobs).isEqualTo(13);
        assertThat(stats.blobsReused()).isGreaterThanOrEqualTo(firstPassBlobs);
    }

    @Test
    void keptListingsServeALaterRunWithoutReadingATree() throws Exception {
        Map<dev.oxmeter.model.Oid, String> kept = new java.util.HashMap<>();
        ListingStore store = new ListingStore() {
            @Override
            public Map<dev.oxmeter.model.Oid, String> find(java.util.Collection<dev.oxmeter.model.Oid> trees) {
                Map<dev.oxmeter.model.Oid, String> out = new java.util.HashMap<>();
                trees.forEach(t -> {
                    if (kept.containsKey(t)) {
                        out.put(t, kept.get(t));
                    }
                });
                return out;
            }

            @Override
            public void save(Map<dev.oxmeter.model.Oid, String> listings) {
                kept.putAll(listings);
            }
        };
        try (GitRepo repo = GitRepo.open(tmp.resolve("t.git"))) {
            List<Revision> list = Stream.of("v1", "v2", "v3", "v4", "v5").map(repo::resolve).toList();
            assertThat(new ToolchainScanner(repo, ScanOptions.DEFAULTS, store).scan(list)).isEqualTo(revs);
            assertThat(kept).containsOnlyKeys(list.stream().map(Revision::tree).distinct().toList());
            ToolchainScanner later = new ToolchainScanner(repo, ScanOptions.DEFAULTS, store);
            assertThat(later.scan(list)).isEqualTo(revs);
            assertThat(later.stats().treesRead()).isZero();
            // rules applied after listing still apply to kept listings
            assertThat(new ToolchainScanner(repo, new ScanOptions(1 << 20, List.of("tests/"), false), store)
                    .scan(List.of(list.get(1))).get(0)).isEqualTo(v2WithoutTests);
        }
    }
}
