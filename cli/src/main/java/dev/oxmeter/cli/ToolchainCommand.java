package dev.oxmeter.cli;

import dev.oxmeter.model.Revision;
import dev.oxmeter.render.ToolchainTables;
import dev.oxmeter.toolchain.Distributions;
import dev.oxmeter.toolchain.ToolchainTimeline;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code oxmeter toolchain}: the Rust toolchain and crates each revision demands, against distribution rustc. */
@Command(name = "toolchain", mixinStandardHelpOptions = true,
        description = "Per revision: declared minimum rustc (rust-version, workspace inheritance, Cargo.toml.in "
                + "templates, the kernel's scripts/min-tool-version.sh), editions, rust-toolchain channel; "
                + "crates in each Cargo.lock (local, registry, git; test and example lock files apart), crates "
                + "added and removed, vendored crates; and which Debian, Ubuntu LTS, Fedora and RHEL releases "
                + "current at the revision's date ship a rustc that meets the minimum (docs/toolchain.md).")
final class ToolchainCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    AnalysisOptions options;

    @Override
    public Integer call() {
        try (Session s = options.open(spec)) {
            List<Revision> revs = options.timeline.select(s.ox());
            Distributions data = Distributions.standard();
            ToolchainTimeline t = s.ox().toolchain(revs);
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("repository", s.ox().directory().toString());
            String title = "oxmeter toolchain \u00b7 " + s.ox().name() + " \u00b7 " + revs.size()
                    + (revs.size() == 1 ? " revision" : " revisions");
            String text = ToolchainTables.render(title, t, data, meta, options.common.format(),
                    s.header(revs, Map.of(), Map.of("toolchain", "1")));
            if (options.common.verbose) {
                s.notice(revs.size() + (revs.size() == 1 ? " revision: " : " revisions: ") + s.ox().toolchainStats());
            }
            Output.emit(s.out(), text, options.common);
        }
        return 0;
    }
}
