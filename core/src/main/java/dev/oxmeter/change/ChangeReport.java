package dev.oxmeter.change;

import dev.oxmeter.model.Metric;
import java.util.List;
import java.util.Objects;

/**
 * What a change (base → head) does to a codebase's Rust migration: composition per language and the Rust share,
 * summed safety and boundary metrics, the {@code unsafe} sites and C helpers that appear and disappear (matched by
 * fingerprint, so moved or renamed ones are neither), files that changed language, files that are new, and Rust
 * code per owner. Immutable.
 *
 * @param sitesAdded        unsafe sites of the head without a counterpart (same fingerprint) in the base
 * @param sitesRemoved      unsafe sites of the base without a counterpart in the head
 * @param newUndocumented   undocumented unsafe sites of the head without an undocumented counterpart in the base:
 *                          new ones, and old ones that lost their SAFETY comment or # Safety section
 * @param helpersAdded      C helpers defined in the head and not in the base (by name)
 * @param helpersRemoved    C helpers defined in the base and not in the head
 * @param newUnannotated    unannotated helpers of the head that were not unannotated helpers of the base
 * @param helpersAnnotated  helpers unannotated in the base that carry {@code __rust_helper} in the head
 * @param owners            owners whose Rust code changed, largest growth first
 */
public record ChangeReport(
        String baseLabel, String baseCommit, String headLabel, String headCommit,
        List<LanguageDelta> languages, double rustShareBase, double rustShareHead,
        List<MetricDelta> metrics,
        List<ChangeSite> sitesAdded, List<ChangeSite> sitesRemoved, List<ChangeSite> newUndocumented,
        List<ChangeSite> helpersAdded, List<ChangeSite> helpersRemoved, List<ChangeSite> newUnannotated,
        List<ChangeSite> helpersAnnotated,
        List<LanguageMove> languageMoves, List<NewFile> newFiles,
        String ownersSource, List<OwnerDelta> owners) {

    public ChangeReport {
        Objects.requireNonNull(baseLabel, "baseLabel");
        Objects.requireNonNull(headLabel, "headLabel");
        Objects.requireNonNull(ownersSource, "ownersSource");
        languages = List.copyOf(languages);
        metrics = List.copyOf(metrics);
        sitesAdded = List.copyOf(sitesAdded);
        sitesRemoved = List.copyOf(sitesRemoved);
        newUndocumented = List.copyOf(newUndocumented);
        helpersAdded = List.copyOf(helpersAdded);
        helpersRemoved = List.copyOf(helpersRemoved);
        newUnannotated = List.copyOf(newUnannotated);
        helpersAnnotated = List.copyOf(helpersAnnotated);
        languageMoves = List.copyOf(languageMoves);
        newFiles = List.copyOf(newFiles);
        owners = List.copyOf(owners);
    }

    /** Rust share at the head minus at the base, in percentage points (NaN when either has no code). */
    public double rustShareDelta() {
        return rustShareHead - rustShareBase;
    }

    /** The delta of a summed metric ({@code rust_safety.unsafe_blocks}), 0 when absent on both sides. */
    public MetricDelta metric(Metric metric) {
        String key = metric.key();
        return metrics.stream().filter(m -> m.metric().equals(key)).findFirst().orElse(new MetricDelta(key, 0, 0));
    }
}
