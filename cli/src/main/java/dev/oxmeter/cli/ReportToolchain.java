package dev.oxmeter.cli;

import dev.oxmeter.report.ReportModel;
import dev.oxmeter.source.Revision;
import dev.oxmeter.toolchain.Distributions;
import dev.oxmeter.toolchain.RevisionToolchain;
import dev.oxmeter.toolchain.ToolchainScanner;
import dev.oxmeter.toolchain.ToolchainTimeline;
import java.util.List;

/** The report's toolchain section: declared minimums and distribution rustc per release. */
final class ReportToolchain {
    private ReportToolchain() {
    }

    /** The section's content, or why there is none. Cost: the toolchain scan of the releases (relevant files only). */
    static ReportModel.Part<ToolchainTimeline> of(Session s, List<Revision> revs) {
        List<RevisionToolchain> scanned = new ToolchainScanner(s.repo(), s.options()).scan(revs);
        if (scanned.stream().noneMatch(RevisionToolchain::hasRust)) {
            return ReportModel.Part.absent("no Cargo manifest, lock file, rust-toolchain file or "
                    + "scripts/min-tool-version.sh in any selected release");
        }
        return ReportModel.Part.of(ToolchainTimeline.of(scanned, Distributions.standard()));
    }
}
