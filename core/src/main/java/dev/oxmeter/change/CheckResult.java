package dev.oxmeter.change;

import dev.oxmeter.aggregate.PathGlob;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The outcome of {@code oxmeter check}: the change compared, the configuration applied and every finding, errors
 * first. {@link #passed()} is false when any finding is an error. Immutable.
 */
public record CheckResult(ChangeReport change, CheckConfig config, List<Finding> findings) {
    public CheckResult {
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(config, "config");
        findings = List.copyOf(findings);
    }

    /** Evaluates every rule that is not off on {@code change}. Pure; linear in the sites and files of the change. */
    public static CheckResult evaluate(ChangeReport change, CheckConfig config) {
        List<Finding> out = new ArrayList<>();
        Level docBlocks = config.level(Rule.UNDOCUMENTED_UNSAFE);
        Level docFns = config.level(Rule.UNSAFE_FN_WITHOUT_SAFETY_DOC);
        for (ChangeSite s : change.newUndocumented()) {
            Rule r = s.kind().needsSafetySection() ? Rule.UNSAFE_FN_WITHOUT_SAFETY_DOC : Rule.UNDOCUMENTED_UNSAFE;
            Level l = r == Rule.UNDOCUMENTED_UNSAFE ? docBlocks : docFns;
            if (l != Level.OFF) {
                out.add(new Finding(r, l, s.kind().label() + (s.kind().needsSafetySection()
                        ? " without a # Safety section" : " without a SAFETY comment") + where(s), s.path(), s.line(),
                        s.fingerprint()));
            }
        }
        Level helpers = config.level(Rule.UNANNOTATED_HELPER);
        if (helpers != Level.OFF) {
            for (ChangeSite s : change.newUnannotated()) {
                out.add(new Finding(Rule.UNANNOTATED_HELPER, helpers, "C helper " + s.item() + " without __rust_helper",
                        s.path(), s.line(), s.fingerprint()));
            }
        }
        Level share = config.level(Rule.RUST_SHARE_DECREASE);
        double drop = change.rustShareBase() - change.rustShareHead();
        if (share != Level.OFF && drop > config.shareTolerance()) {
            out.add(new Finding(Rule.RUST_SHARE_DECREASE, share, String.format(Locale.ROOT,
                    "the Rust share fell from %.2f%% to %.2f%% (%.2f percentage points; tolerance %s)",
                    change.rustShareBase(), change.rustShareHead(), drop,
                    new java.math.BigDecimal(Double.toString(config.shareTolerance())).stripTrailingZeros()
                            .toPlainString()), null, 0, null));
        }
        Level inPath = config.level(Rule.UNSAFE_IN_PATH);
        if (inPath != Level.OFF && !config.unsafePaths().isEmpty()) {
            List<PathGlob> globs = config.unsafePaths().stream().map(PathGlob::compile).toList();
            for (ChangeSite s : change.sitesAdded()) {
                for (PathGlob g : globs) {
                    if (g.matches(s.path())) {
                        out.add(new Finding(Rule.UNSAFE_IN_PATH, inPath, "new " + s.kind().label() + where(s)
                                + " under " + g + ", where unsafe code is not allowed", s.path(), s.line(),
                                s.fingerprint()));
                        break;
                    }
                }
            }
        }
        Level newFiles = config.level(Rule.NEW_FILE_IN_LANGUAGE);
        if (newFiles != Level.OFF) {
            for (NewFile f : change.newFiles()) {
                for (CheckConfig.LanguagePath lp : config.noNewFiles()) {
                    if (lp.language().equals(f.language()) && PathGlob.compile(lp.path()).matches(f.path())) {
                        out.add(new Finding(Rule.NEW_FILE_IN_LANGUAGE, newFiles, "new " + f.language()
                                + " file under " + lp.path() + ", where no new " + f.language() + " files are allowed",
                                f.path(), 1, null));
                        break;
                    }
                }
            }
        }
        out.sort(java.util.Comparator.comparing(Finding::level).thenComparing(f -> f.rule().ordinal())
                .thenComparing(f -> f.path() == null ? "" : f.path()).thenComparingInt(Finding::line));
        return new CheckResult(change, config, out);
    }

    private static String where(ChangeSite s) {
        return s.item().isEmpty() ? "" : " (in " + s.item() + ")";
    }

    public long errors() {
        return findings.stream().filter(f -> f.level() == Level.ERROR).count();
    }

    public long warnings() {
        return findings.stream().filter(f -> f.level() == Level.WARNING).count();
    }

    /** True when no finding is an error: exit code 0. */
    public boolean passed() {
        return errors() == 0;
    }
}
