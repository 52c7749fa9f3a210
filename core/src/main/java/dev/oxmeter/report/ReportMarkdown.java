package dev.oxmeter.report;

import dev.oxmeter.render.Format;
import dev.oxmeter.render.Table;
import dev.oxmeter.render.TableWriter;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders a {@link ReportModel} as a Markdown summary: the headline figures as a bullet list, then the same tables
 * as the HTML page (through {@link TableWriter}), and for sections that do not apply, the reason. Deterministic.
 */
public final class ReportMarkdown {
    private ReportMarkdown() {
    }

    public static String render(ReportModel m) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Rust in ").append(md(m.repository())).append("\n\n");
        sb.append(md(m.timeline()));
        if (m.first() != null) {
            sb.append(" \u00b7 ").append(md(m.first().label()));
            if (m.last() != m.first()) {
                sb.append(" \u2192 ").append(md(m.last().label()));
            }
        }
        sb.append(" \u00b7 ").append(md(m.tool()));
        if (m.generatedAt() != null) {
            sb.append(" \u00b7 generated at ").append(md(m.generatedAt()));
        }
        sb.append("\n\n## Headline\n\n");
        for (ReportModel.Figure f : m.headline()) {
            sb.append("- **").append(md(f.label())).append(":** ").append(md(f.value()));
            if (!f.detail().isEmpty()) {
                sb.append(" \u2014 ").append(md(f.detail()));
            }
            sb.append('\n');
        }
        if (m.headline().isEmpty()) {
            sb.append("- no revisions selected\n");
        }
        if (m.arrival() != null) {
            sb.append('\n').append(md(m.arrival())).append('\n');
        }
        List<Object> parts = new ArrayList<>();
        parts.add(section("Language composition", ReportTables.composition(m), null));
        parts.add(section("Rust by component", ReportTables.components(m),
                m.components().present() ? null : "Not applicable: " + m.components().reason() + "."));
        parts.add(section("Rust by owner", ReportTables.owners(m),
                m.owners().present() ? null : "Not applicable: " + m.owners().reason() + "."));
        String noPeople = m.people().present() ? null : "Not computed: " + m.people().reason() + ".";
        parts.add(section("Contributors", ReportTables.contributors(m), noPeople));
        if (m.people().present()) {
            parts.add(section("Top Rust contributors", ReportTables.topPeople(m), null));
            if (m.people().value().latest() != null) {
                parts.add(section("Rust contributors in " + m.people().value().latest().window(),
                        ReportTables.latestPeople(m), null));
            }
            String g = m.people().value().grouping();
            parts.add(section("By " + g, ReportTables.employers(m),
                    m.people().value().employers().isEmpty() ? "No " + g + " information." : null));
        }
        parts.add(section("Unsafe code and its documentation", m.hasUnsafe() ? ReportTables.safety(m) : null,
                m.hasUnsafe() ? null : m.hasRust() ? "Not applicable: no unsafe Rust in any selected release."
                        : "Not applicable: no Rust code in any selected release."));
        parts.add(section("C helpers for Rust", m.hasHelpers() ? ReportTables.helpers(m) : null,
                m.hasHelpers() ? null : "Not applicable: no C helpers (rust_helper_*) in any selected release."));
        parts.add(section("Rust\u2194C boundary", m.hasBoundary() ? ReportTables.boundary(m) : null,
                m.hasBoundary() ? null : "Not applicable: no Rust\u2194C boundary items in any selected release."));
        if (m.toolchain() != null) {
            parts.add(ToolchainSection.markdown(m.toolchain()));
        }
        parts.add(section("Releases where Rust changed", ReportTables.releases(m), null));
        for (Object p : parts) {
            sb.append('\n').append(p);
        }
        return sb.toString();
    }

    private static String section(String title, Table t, String absent) {
        StringBuilder sb = new StringBuilder("## ").append(md(title)).append("\n\n");
        if (t == null || absent != null) {
            sb.append(md(absent == null ? "Not applicable." : absent)).append('\n');
        } else {
            // TableWriter's Markdown escapes < > | but not &, which Markdown would read as an entity: escape it first
            List<List<Object>> rows = t.rows().stream().map(r -> r.stream().map(ReportMarkdown::amp).toList())
                    .toList();
            List<String> cols = t.columns().stream().map(c -> c.replace("&", "&amp;")).toList();
            sb.append(TableWriter.render(new Table(null, cols, rows, null, t.meta()), Format.MD));
        }
        return sb.toString();
    }

    private static Object amp(Object o) {
        return o instanceof String s ? s.replace("&", "&amp;") : o;
    }

    /** Escapes Markdown (and HTML, which Markdown passes through) in inline text. */
    static String md(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '\n', '\r' -> sb.append(' ');
                case '\\', '`', '*', '_', '[', ']', '|', '#' -> sb.append('\\').append(c);
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
