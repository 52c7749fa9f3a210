package dev.oxmeter.fleet;

import java.util.List;
import java.util.Locale;

/**
 * The fleet summary for people: repositories ranked by Rust share with growth, first Rust release and
 * contributors, as Markdown and as one self-contained HTML page (inline CSS, no script, no request). Stateless.
 */
final class FleetSummary {
    private FleetSummary() {
    }

    static String markdown(List<RepoRow> ranked) {
        StringBuilder sb = new StringBuilder("# oxmeter fleet\n\n");
        long ok = ranked.stream().filter(RepoRow::ok).count();
        sb.append(ok).append(" of ").append(ranked.size()).append(" repositories measured.\n\n");
        sb.append("| repository | revisions | last revision | Rust share | change | Rust code | first Rust release |"
                + " Rust contributors |\n|---|---:|---|---:|---:|---:|---|---:|\n");
        for (RepoRow r : ranked) {
            if (!r.ok()) {
                continue;
            }
            sb.append("| ").append(md(r.repo())).append(" | ").append(r.revisions()).append(" | ")
                    .append(md(r.lastRevision())).append(" | ").append(FleetOutput.pct(r.rustShare())).append(" | ")
                    .append(points(r.rustShareChange())).append(" | ").append(String.format(Locale.ROOT, "%,d",
                            r.rustCode())).append(" | ").append(firstRust(r)).append(" | ")
                    .append(r.rustContributors()).append(" |\n");
        }
        if (ok < ranked.size()) {
            sb.append("\n## Not measured\n\n| repository | location | reason |\n|---|---|---|\n");
            for (RepoRow r : ranked) {
                if (!r.ok()) {
                    sb.append("| ").append(md(r.repo())).append(" | ").append(md(r.location())).append(" | ")
                            .append(md(r.message())).append(" |\n");
                }
            }
        }
        return sb.toString();
    }

    static String html(List<RepoRow> ranked) {
        StringBuilder sb = new StringBuilder("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8">
                <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>oxmeter fleet</title>
                <style>
                body{font:15px/1.45 system-ui,sans-serif;margin:1.5rem auto;max-width:72rem;padding:0 1rem;color:#1b1b1b}
                table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}
                th,td{padding:.3rem .5rem;border-bottom:1px solid #ddd;text-align:left}
                td.n,th.n{text-align:right}.bar{display:inline-block;height:.7em;background:#b7410e;margin-right:.4em}
                .wrap{overflow-x:auto}.err{color:#a00}
                @media (prefers-color-scheme:dark){body{background:#161616;color:#e6e6e6}th,td{border-color:#333}}
                </style></head><body>
                <h1>oxmeter fleet</h1>
                """);
        long ok = ranked.stream().filter(RepoRow::ok).count();
        double max = ranked.stream().filter(RepoRow::ok).mapToDouble(r -> Double.isNaN(r.rustShare()) ? 0
                : r.rustShare()).max().orElse(0);
        sb.append("<p>").append(ok).append(" of ").append(ranked.size())
                .append(" repositories measured, ranked by Rust share at their last revision.</p>\n");
        sb.append("<div class=\"wrap\"><table><thead><tr><th>repository</th><th class=\"n\">revisions</th>"
                + "<th>last revision</th><th class=\"n\">Rust share</th><th class=\"n\">change</th>"
                + "<th class=\"n\">Rust code</th><th>first Rust release</th><th class=\"n\">Rust contributors</th>"
                + "</tr></thead><tbody>\n");
        for (RepoRow r : ranked) {
            if (!r.ok()) {
                continue;
            }
            double w = max <= 0 || Double.isNaN(r.rustShare()) ? 0 : 6.0 * r.rustShare() / max;
            sb.append("<tr><td>").append(FleetOutput.esc(r.repo())).append("</td><td class=\"n\">")
                    .append(r.revisions()).append("</td><td>").append(FleetOutput.esc(r.lastRevision()))
                    .append("</td><td class=\"n\"><span class=\"bar\" style=\"width:")
                    .append(String.format(Locale.ROOT, "%.2f", w)).append("em\"></span>")
                    .append(FleetOutput.pct(r.rustShare())).append("</td><td class=\"n\">")
                    .append(points(r.rustShareChange())).append("</td><td class=\"n\">")
                    .append(String.format(Locale.ROOT, "%,d", r.rustCode())).append("</td><td>")
                    .append(FleetOutput.esc(firstRust(r))).append("</td><td class=\"n\">")
                    .append(r.rustContributors()).append("</td></tr>\n");
        }
        sb.append("</tbody></table></div>\n");
        if (ok < ranked.size()) {
            sb.append("<h2>Not measured</h2>\n<div class=\"wrap\"><table><thead><tr><th>repository</th>"
                    + "<th>location</th><th>reason</th></tr></thead><tbody>\n");
            for (RepoRow r : ranked) {
                if (!r.ok()) {
                    sb.append("<tr><td>").append(FleetOutput.esc(r.repo())).append("</td><td>")
                            .append(FleetOutput.esc(r.location())).append("</td><td class=\"err\">")
                            .append(FleetOutput.esc(r.message())).append("</td></tr>\n");
                }
            }
            sb.append("</tbody></table></div>\n");
        }
        sb.append("<p>Rust share: Rust code lines ÷ code lines of all programming languages, at the last revision;"
                + " change: percentage points since the first revision measured.</p>\n</body></html>\n");
        return sb.toString();
    }

    private static String firstRust(RepoRow r) {
        return r.firstRustRevision() == null ? "none" : r.firstRustRevision()
                + (r.firstRustDate() == null ? "" : " (" + r.firstRustDate() + ")");
    }

    private static String points(double d) {
        return Double.isNaN(d) ? "–" : String.format(Locale.ROOT, "%+.2f pt", d);
    }

    private static String md(String s) {
        return s == null ? "" : s.replace("|", "\\|").replaceAll("[\\r\\n]+", " ");
    }
}
