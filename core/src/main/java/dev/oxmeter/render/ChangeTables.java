package dev.oxmeter.render;

import dev.oxmeter.change.ChangeReport;
import dev.oxmeter.change.ChangeSite;
import dev.oxmeter.change.LanguageDelta;
import dev.oxmeter.change.LanguageMove;
import dev.oxmeter.change.MetricDelta;
import dev.oxmeter.change.OwnerDelta;
import dev.oxmeter.facts.CHelperAnalysis;
import dev.oxmeter.model.Metric;
import dev.oxmeter.facts.RustBoundaryAnalysis;
import dev.oxmeter.facts.RustSafetyAnalysis;
import java.util.ArrayList;
import java.util.List;

/**
 * The tables of {@code oxmeter diff}: summary figures, languages, unsafe sites, C helpers, files that changed
 * language and Rust per owner. Stateless and thread-safe.
 */
public final class ChangeTables {
    /** The summed metrics shown in the summary, in order. */
    static final List<Metric> SUMMARY_METRICS = List.of(RustSafetyAnalysis.UNSAFE_BLOCKS,
            RustSafetyAnalysis.UNSAFE_BLOCKS_DOCUMENTED, RustSafetyAnalysis.UNSAFE_FNS,
            RustSafetyAnalysis.UNSAFE_FNS_DOCUMENTED, RustSafetyAnalysis.UNSAFE_IMPLS,
            RustSafetyAnalysis.UNSAFE_IMPLS_DOCUMENTED, RustSafetyAnalysis.UNSAFE_TRAITS,
            RustSafetyAnalysis.UNSAFE_TRAITS_DOCUMENTED, RustSafetyAnalysis.UNSAFE_EXTERN_BLOCKS,
            RustSafetyAnalysis.INVARIANT_COMMENTS, CHelperAnalysis.HELPERS, CHelperAnalysis.HELPERS_ANNOTATED,
            CHelperAnalysis.HELPER_EXPORTS, RustBoundaryAnalysis.BINDINGS_REFS, RustBoundaryAnalysis.EXTERN_C_BLOCKS,
            RustBoundaryAnalysis.EXTERN_C_FNS, RustBoundaryAnalysis.NO_MANGLE_ITEMS);

    private ChangeTables() {
    }

    public static List<Table> of(ChangeReport c, String repoName) {
        String title = "oxmeter diff · " + repoName + " · " + c.baseLabel() + " → " + c.headLabel();
        List<Table> out = new ArrayList<>();
        out.add(summary(c, title));
        out.add(languages(c));
        out.add(sites("unsafe sites added (+) and removed (−)", c.sitesAdded(), c.sitesRemoved(), List.of()));
        out.add(sites("C helpers added (+), removed (−) and newly annotated (a)", c.helpersAdded(),
                c.helpersRemoved(), c.helpersAnnotated()));
        out.add(moves(c.languageMoves()));
        out.add(owners(c));
        return out;
    }

    private static Table summary(ChangeReport c, String title) {
        Table.Builder b = new Table.Builder(title, "measure", "base", "head", "delta");
        b.meta("base", c.baseLabel());
        b.meta("base_commit", c.baseCommit());
        b.meta("head", c.headLabel());
        b.meta("head_commit", c.headCommit());
        b.row("Rust share %", c.rustShareBase(), c.rustShareHead(), c.rustShareDelta());
        LanguageDelta rust = c.languages().stream().filter(l -> l.language().equals("Rust")).findFirst()
                .orElse(new LanguageDelta("Rust", 0, 0, 0, 0));
        b.row("Rust code", rust.codeBase(), rust.codeHead(), rust.codeDelta());
        b.row("Rust files", rust.filesBase(), rust.filesHead(), rust.filesDelta());
        for (Metric m : SUMMARY_METRICS) {
            MetricDelta d = c.metric(m);
            b.row(m.name(), d.base(), d.head(), d.delta());
        }
        b.row("unsafe sites added", null, (long) c.sitesAdded().size(), null);
        b.row("unsafe sites removed", null, (long) c.sitesRemoved().size(), null);
        b.row("new undocumented unsafe", null, (long) c.newUndocumented().size(), null);
        b.row("C helpers added", null, (long) c.helpersAdded().size(), null);
        b.row("C helpers removed", null, (long) c.helpersRemoved().size(), null);
        b.row("new unannotated C helpers", null, (long) c.newUnannotated().size(), null);
        b.row("files that changed language", null, (long) c.languageMoves().size(), null);
        return b.build();
    }

    private static Table languages(ChangeReport c) {
        Table.Builder b = new Table.Builder("languages (changed rows)", "language", "files_base", "files_head",
                "files_delta", "code_base", "code_head", "code_delta");
        for (LanguageDelta d : c.languages()) {
            if (d.codeDelta() != 0 || d.filesDelta() != 0) {
                b.row(d.language(), d.filesBase(), d.filesHead(), d.filesDelta(), d.codeBase(), d.codeHead(),
                        d.codeDelta());
            }
        }
        return b.build();
    }

    private static Table sites(String title, List<ChangeSite> added, List<ChangeSite> removed,
                               List<ChangeSite> annotated) {
        Table.Builder b = new Table.Builder(title, "change", "path", "line", "kind", "documented", "item");
        added.forEach(s -> row(b, "+", s));
        removed.forEach(s -> row(b, "\u2212", s));
        annotated.forEach(s -> row(b, "a", s));
        return b.build();
    }

    private static void row(Table.Builder b, String change, ChangeSite s) {
        b.row(change, s.path(), (long) s.line(), s.kind().label(), s.documented() ? "yes" : "no", s.item());
    }

    private static Table moves(List<LanguageMove> moves) {
        Table.Builder b = new Table.Builder("files that changed language", "path_base", "language_base",
                "path_head", "language_head");
        moves.forEach(m -> b.row(m.pathBase(), m.languageBase(), m.pathHead(), m.languageHead()));
        return b.build();
    }

    private static Table owners(ChangeReport c) {
        Table.Builder b = new Table.Builder("Rust code per owner (" + c.ownersSource() + " of the head)", "owner",
                "rust_base", "rust_head", "delta");
        c.owners().forEach(o -> b.row(o.owner(), o.rustBase(), o.rustHead(), o.delta()));
        return b.build();
    }
}
