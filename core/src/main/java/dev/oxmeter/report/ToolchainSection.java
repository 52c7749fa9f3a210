package dev.oxmeter.report;

import dev.oxmeter.render.Format;
import dev.oxmeter.render.Html;
import dev.oxmeter.render.TableWriter;
import dev.oxmeter.render.ToolchainTables;

import static dev.oxmeter.render.Html.esc;

import dev.oxmeter.report.SvgCharts.Series;
import dev.oxmeter.report.SvgCharts.Unit;
import dev.oxmeter.toolchain.Distributions;
import dev.oxmeter.toolchain.RustVersion;
import dev.oxmeter.toolchain.ToolchainTimeline;
import java.util.ArrayList;
import java.util.List;

/**
 * The report's toolchain section: the required minimum rustc per release drawn against the rustc of every
 * distribution release current at that date, with the summary and the who-can-build matrix behind it. A
 * self-contained piece of the page and of the Markdown summary; deterministic.
 */
final class ToolchainSection {
    static final String ID = "toolchain";
    static final String TITLE = "Toolchain and distributions";

    private ToolchainSection() {
    }

    /** Appends the section to the page's main part and its entry to {@code toc}; nothing when not computed. */
    static void html(StringBuilder sb, ReportModel.Part<ToolchainTimeline> part, List<String[]> toc) {
        if (part == null) {
            return;
        }
        toc.add(new String[] {ID, TITLE});
        sb.append("<section id=\"").append(ID).append("\">\n<h2>").append(esc(TITLE)).append("</h2>\n");
        sb.append("<p class=\"note\">The minimum rustc each release requires (the kernel\u2019s "
                + "<code>scripts/min-tool-version.sh</code>, else the root <code>rust-version</code>) against the "
                + "rustc of the Debian, Ubuntu LTS, Fedora and RHEL releases current at its date; a distribution "
                + "line at or above the minimum can build it. Versions are drawn as their minor number "
                + "(1.63 \u2192 63). Sources of every distribution figure: <code>docs/toolchain.md</code>.</p>\n");
        if (!part.present()) {
            sb.append("<p class=\"na\">").append(esc("Not applicable: " + part.reason() + ".")).append("</p>\n");
            sb.append("</section>\n");
            return;
        }
        ToolchainTimeline t = part.value();
        List<ToolchainTimeline.Entry> es = t.entries();
        int[] priority = new int[es.size()];
        for (int i = 0; i < priority.length; i++) {
            priority[i] = i == 0 || i == priority.length - 1 ? 100
                    : 10 * ReportHtml.roundness(es.get(i).revision().label());
        }
        TimeCharts.Points x = new TimeCharts.Points(es.stream().map(e -> e.revision().label()).toList(),
                es.stream().map(e -> e.revision().date()).toList(), priority);
        List<Series> series = series(t);
        sb.append("<h3>Minimum rustc against distribution rustc</h3>\n");
        sb.append(SvgCharts.legend(series)).append('\n');
        // the required minimum is listed first but drawn last, on top of the distribution lines
        List<Series> drawn = new ArrayList<>(series.subList(1, series.size()));
        drawn.add(series.get(0));
        String label = "Required minimum rustc and distribution rustc per release (minor version)";
        sb.append("<div class=\"cw wide\">").append(TimeCharts.lines(SvgCharts.WIDE, label, x, drawn, Unit.COUNT,
                null, true)).append("</div>\n");
        sb.append("<div class=\"cw narrow\">").append(TimeCharts.lines(SvgCharts.NARROW, label, x, drawn,
                Unit.COUNT, null, false)).append("</div>\n");
        ReportHtml.table(sb, ToolchainTables.builders(t), false);
        ReportHtml.table(sb, ToolchainTables.summary("toolchain per release", t, java.util.Map.of()), false);
        sb.append("</section>\n");
    }

    /** The section as Markdown, or "" when not computed. */
    static String markdown(ReportModel.Part<ToolchainTimeline> part) {
        if (part == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder("## ").append(ReportMarkdown.md(TITLE)).append("\n\n");
        if (!part.present()) {
            return sb.append(ReportMarkdown.md("Not applicable: " + part.reason() + ".")).append('\n').toString();
        }
        sb.append(TableWriter.render(ToolchainTables.summary("toolchain per release", part.value(), java.util.Map.of()),
                Format.MD)).append('\n');
        sb.append(TableWriter.render(ToolchainTables.builders(part.value()), Format.MD));
        return sb.toString();
    }

    /** The required minimum, then one line per distribution (NaN where it is not current or has no figure). */
    static List<Series> series(ToolchainTimeline t) {
        int n = t.entries().size();
        double[] required = new double[n];
        List<String> lines = new ArrayList<>();
        for (ToolchainTimeline.Entry e : t.entries()) {
            e.builders().forEach(b -> {
                if (!lines.contains(b.line().line())) {
                    lines.add(b.line().line());
                }
            });
        }
        double[][] shipped = new double[lines.size()][n];
        for (int i = 0; i < n; i++) {
            ToolchainTimeline.Entry e = t.entries().get(i);
            required[i] = minor(e.revision().required());
            for (int l = 0; l < lines.size(); l++) {
                shipped[l][i] = Double.NaN;
            }
            for (Distributions.Builder b : e.builders()) {
                shipped[lines.indexOf(b.line().line())][i] = minor(b.rustc());
            }
        }
        List<Series> out = new ArrayList<>();
        out.add(new Series("required minimum", required, "crust"));
        for (int l = 0; l < lines.size(); l++) {
            out.add(new Series(lines.get(l), shipped[l], "c" + (l % 9)));
        }
        return out;
    }

    private static double minor(RustVersion v) {
        return v == null || v.major() != 1 ? Double.NaN : v.minor() + v.patch() / 100.0;
    }
}
