package dev.oxmeter.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oxmeter.OxmeterException;
import dev.oxmeter.language.LanguageCatalog;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The config file and the rules on hand-made changes: no repository needed. */
class CheckRulesTest {
    static final LanguageCatalog CATALOG = LanguageCatalog.standard();

    static CheckConfig parse(String toml) {
        return CheckConfig.parse(toml, ".oxmeter.toml", CheckConfig.defaults(), CATALOG);
    }

    @Test
    void everyKeyOfTheFile() {
        CheckConfig c = parse("""
                [check]
                share-tolerance = 0.25
                unsafe-paths = ["drivers/gpu/nova-core/", "**/ffi.rs"]

                [check.rules]
                unannotated-helper = "warning"
                rust-share-decrease = "OFF"

                [[check.no-new-files]]
                language = "c"
                path = "drivers/gpu/nova-core/"

                [[check.no-new-files]]
                language = "C Header"
                path = "rust/"
                """);
        assertThat(c.shareTolerance()).isEqualTo(0.25);
        assertThat(c.unsafePaths()).containsExactly("drivers/gpu/nova-core/", "**/ffi.rs");
        assertThat(c.level(Rule.UNANNOTATED_HELPER)).isEqualTo(Level.WARNING);
        assertThat(c.level(Rule.RUST_SHARE_DECREASE)).isEqualTo(Level.OFF);
        assertThat(c.level(Rule.UNDOCUMENTED_UNSAFE)).isEqualTo(Level.ERROR);
        assertThat(c.noNewFiles()).containsExactly(new CheckConfig.LanguagePath("C", "drivers/gpu/nova-core/"),
                new CheckConfig.LanguagePath("C Header", "rust/"));
        assertThat(parse("")).isEqualTo(CheckConfig.defaults());
        assertThat(parse("[check]\nshare-tolerance = 2\n").shareTolerance()).isEqualTo(2.0);
    }

    @Test
    void mistakesAreNamed() {
        assertThatThrownBy(() -> parse("[checks]\n")).isInstanceOf(OxmeterException.class)
                .hasMessage(".oxmeter.toml: unknown key 'checks' (expected one of check)");
        assertThatThrownBy(() -> parse("[check]\nshare_tolerance = 1\n"))
                .hasMessageContaining("unknown key 'check.share_tolerance'");
        assertThatThrownBy(() -> parse("[check]\nshare-tolerance = -1\n"))
                .hasMessageContaining("share tolerance must be a number of percentage points >= 0");
        assertThatThrownBy(() -> parse("[check.rules]\nunannotated-helper = true\n"))
                .hasMessageContaining("check.rules.unannotated-helper must be \"error\", \"warning\" or \"off\"");
        assertThatThrownBy(() -> parse("[check]\nunsafe-paths = \"rust/\"\n"))
                .hasMessageContaining("check.unsafe-paths must be an array");
        assertThatThrownBy(() -> parse("[[check.no-new-files]]\nlanguage = \"C\"\n"))
                .hasMessageContaining("needs language and path strings");
        assertThatThrownBy(() -> parse("[[check.no-new-files]]\nlanguage = \"Cobol++\"\npath = \"x/\"\n"))
                .hasMessageContaining("unknown language 'Cobol++'");
        assertThatThrownBy(() -> parse("[check\n")).isInstanceOf(OxmeterException.class)
                .hasMessageStartingWith(".oxmeter.toml: ").hasMessageContaining("line 1");
        assertThatThrownBy(() -> parse("a = 1\na = 2\n")).isInstanceOf(OxmeterException.class);
    }

    static ChangeSite site(String path, int line, SiteKind kind, boolean documented, String fp) {
        return new ChangeSite(path, line, kind, documented, "fn f", fp);
    }

    static ChangeReport change(double shareBase, double shareHead, List<ChangeSite> added,
                               List<ChangeSite> undocumented, List<ChangeSite> unannotated, List<NewFile> files) {
        return new ChangeReport("a", null, "b", null, List.of(), shareBase, shareHead, List.of(), added, List.of(),
                undocumented, List.of(), List.of(), unannotated, List.of(), List.of(), files, "top directories",
                List.of());
    }

    @Test
    void levelsDecideTheVerdict() {
        ChangeSite block = site("rust/a.rs", 3, SiteKind.UNSAFE_BLOCK, false, "1");
        ChangeSite fn = site("rust/a.rs", 9, SiteKind.UNSAFE_FN, false, "2");
        ChangeSite helper = new ChangeSite("rust/helpers/x.c", 4, SiteKind.C_HELPER, false, "rust_helper_x",
                "helper:rust_helper_x");
        ChangeReport c = change(10, 9.5, List.of(block, fn), List.of(block, fn), List.of(helper), List.of());
        CheckResult r = CheckResult.evaluate(c, CheckConfig.defaults());
        assertThat(r.findings()).extracting(Finding::rule).containsExactly(Rule.UNDOCUMENTED_UNSAFE,
                Rule.UNSAFE_FN_WITHOUT_SAFETY_DOC, Rule.UNANNOTATED_HELPER);
        assertThat(r.passed()).isFalse();
        assertThat(r.errors()).isEqualTo(3);

        CheckConfig lenient = CheckConfig.defaults().with(Rule.UNDOCUMENTED_UNSAFE, Level.OFF)
                .with(Rule.UNSAFE_FN_WITHOUT_SAFETY_DOC, Level.WARNING).with(Rule.UNANNOTATED_HELPER, Level.OFF)
                .withShareTolerance(0.4);
        r = CheckResult.evaluate(c, lenient);
        assertThat(r.findings()).extracting(Finding::rule, Finding::level).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Rule.RUST_SHARE_DECREASE, Level.ERROR),
                org.assertj.core.groups.Tuple.tuple(Rule.UNSAFE_FN_WITHOUT_SAFETY_DOC, Level.WARNING));
        assertThat(r.findings().get(0).path()).isNull();
        assertThat(r.findings().get(0).message()).isEqualTo(
                "the Rust share fell from 10.00% to 9.50% (0.50 percentage points; tolerance 0.4)");
        assertThat(r.passed()).isFalse();
        assertThat(CheckResult.evaluate(c, lenient.withShareTolerance(0.5)).passed()).isTrue();
    }

    @Test
    void pathRulesDoNothingUntilConfigured() {
        ChangeSite documented = site("drivers/nova/a.rs", 3, SiteKind.UNSAFE_BLOCK, true, "1");
        ChangeReport c = change(1, 2, List.of(documented), List.of(), List.of(),
                List.of(new NewFile("drivers/nova/x.c", "C"), new NewFile("drivers/nova/y.rs", "Rust")));
        assertThat(CheckResult.evaluate(c, CheckConfig.defaults()).findings()).isEmpty();
        CheckConfig cfg = CheckConfig.defaults().withUnsafePaths(List.of("drivers/nova/"))
                .withNoNewFiles(List.of(new CheckConfig.LanguagePath("C", "drivers/")));
        assertThat(CheckResult.evaluate(c, cfg).findings()).extracting(Finding::rule, Finding::path).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Rule.UNSAFE_IN_PATH, "drivers/nova/a.rs"),
                org.assertj.core.groups.Tuple.tuple(Rule.NEW_FILE_IN_LANGUAGE, "drivers/nova/x.c"));
    }

    @Test
    void surplusSitesAtNewPathsAreReportedFirst() {
        List<ChangeSite> base = List.of(site("a.rs", 5, SiteKind.UNSAFE_BLOCK, false, "f"));
        List<ChangeSite> head = List.of(site("a.rs", 7, SiteKind.UNSAFE_BLOCK, false, "f"),
                site("b.rs", 2, SiteKind.UNSAFE_BLOCK, false, "f"), site("a.rs", 9, SiteKind.UNSAFE_BLOCK, false, "g"));
        assertThat(ChangeAnalyzer.minus(head, base)).extracting(ChangeSite::path, ChangeSite::line).containsExactly(
                org.assertj.core.groups.Tuple.tuple("a.rs", 9), org.assertj.core.groups.Tuple.tuple("b.rs", 2));
        assertThat(ChangeAnalyzer.minus(base, head)).isEmpty();
    }
}
