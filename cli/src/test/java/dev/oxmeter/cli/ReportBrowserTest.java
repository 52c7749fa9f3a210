package dev.oxmeter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders the report in a real headless Chromium (Debian's {@code chromium}; skipped only when it is absent):
 * no console message (script errors and CSP violations both land there), no request from the page (Chromium's
 * net log), the script ran, the charts are there, nothing overflows at phone width, and screenshots at 1280 and
 * 390 px are written to {@code target/report-screenshots/}.
 */
class ReportBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path SHOTS = Path.of("target/report-screenshots");
    /** Appended to a copy of the page: records layout facts in the DOM for --dump-dom to show. */
    static final String PROBE = "<script>document.body.setAttribute('data-probe','width=' + window.innerWidth"
            + " + ';scroll=' + document.documentElement.scrollWidth + ';charts=' + Array.prototype.filter.call("
            + "document.querySelectorAll('svg.chart'), function (e) { return e.getBoundingClientRect().width > 0; })"
            + ".length + ';sortable=' + document.querySelectorAll('th[tabindex=\"0\"]').length"
            + " + ';labels=' + LABELS.n + ';overlaps=' + LABELS.overlaps);"
            + "</script>";
    /**
     * Counts the visible release and calendar labels of the time charts and the pairs of them that overlap (by the
     * browser's own text boxes, so real fonts are measured); defines {@code LABELS} for {@link #PROBE}.
     */
    static final String LABEL_PROBE = "<script>var LABELS = (function () { var n = 0, overlaps = 0;"
            + "document.querySelectorAll('svg.chart').forEach(function (svg) {"
            + "if (svg.getBoundingClientRect().width === 0) { return; }"
            + "['text.rl', 'text.yr'].forEach(function (sel) {"
            + "var r = Array.prototype.map.call(svg.querySelectorAll(sel), function (t) {"
            + " return t.getBoundingClientRect(); });"
            + "n += r.length;"
            + "for (var i = 0; i < r.length; i++) { for (var j = i + 1; j < r.length; j++) {"
            + " if (r[i].left < r[j].right && r[j].left < r[i].right && r[i].top < r[j].bottom"
            + " && r[j].top < r[i].bottom) { overlaps++; } } }"
            + "var box = svg.getBoundingClientRect();"
            + "r.forEach(function (b) { if (b.left < box.left - 0.5 || b.right > box.right + 0.5) { overlaps++; } });"
            + "}); }); return {n: n, overlaps: overlaps}; })();</script>";

    @TempDir
    Path tmp;

    @Test
    void pageRendersOfflineWithoutErrors() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "chromium is not installed (.ci/run installs it)");
        Path repo = tmp.resolve("r.git");
        ReportFixture.create(repo);
        Path plain = tmp.resolve("report.html");
        Cli.Run.ok(Cli.run("report", repo.toString(), "--tags", "*", "--no-store", "--name", "fixture", "--generated-at", "none",
                "-q", "--out", plain.toString()));
        Path full = tmp.resolve("full.html");
        Cli.Run.ok(ReportFixture.reportWithPeople(repo.toString(), "--tags", "*", "--no-store", "--name", "fixture",
                "--generated-at", "none", "-q", "--out", full.toString()));
        check(plain, "fixture", 13); // the people section comes from the real analysis of the fixture
        check(full, "fixture-people", 13);
        Path longPage = tmp.resolve("long.html");
        Files.writeString(longPage, dev.oxmeter.report.ReportHtml.render(longHistory(600, 40)));
        check(longPage, "long-history", 5);
    }

    /** 600 releases over 20 years with Rust in the last {@code rust}: labels must still fit, at both widths. */
    static dev.oxmeter.report.ReportModel longHistory(int n, int rust) {
        java.util.List<dev.oxmeter.report.ReportModel.Release> rs = new ArrayList<>();
        java.time.LocalDate d = java.time.LocalDate.parse("2005-07-10");
        for (int i = 0; i < n; i++) {
            long r = i >= n - rust ? 300L * (i - (n - rust) + 1) : 0;
            java.util.Map<String, Long> code = new java.util.LinkedHashMap<>();
            code.put("C", 100_000L + 500L * i);
            code.put("Shell", 20_000L + 300L * i);
            if (r > 0) {
                code.put("Rust", r);
            }
            long all = code.values().stream().mapToLong(Long::longValue).sum();
            String label = "v" + (1 + i / 150) + "." + (i % 150) / 3 + "." + i % 3;
            rs.add(new dev.oxmeter.report.ReportModel.Release(label, "", d.plusDays(i * 7300L / n), code, all,
                    r > 0 ? 4 : 0, new dev.oxmeter.report.ReportModel.Safety(r / 100, r / 300, 0, 0, 0, 0, 0, 0, 0, 0),
                    dev.oxmeter.report.ReportModel.Helpers.NONE, dev.oxmeter.report.ReportModel.Boundary.NONE,
                    java.util.Map.of()));
        }
        return new dev.oxmeter.report.ReportModel("long", null, "oxmeter test", n + " releases", rs,
                java.util.List.of("C", "Shell", "Rust"), dev.oxmeter.report.ReportModel.Part.absent("not computed"),
                dev.oxmeter.report.ReportModel.Part.absent("not computed"),
                dev.oxmeter.report.ReportModel.Part.absent("not computed"));
    }

    private void check(Path page, String name, int charts) throws Exception {
        Path probed = tmp.resolve(name + "-probe.html");
        Files.writeString(probed, Files.readString(page).replace("</body>", LABEL_PROBE + PROBE + "</body>"));
        for (int width : new int[] {1280, 390}) {
            Path netlog = tmp.resolve(name + "-" + width + "-net.json");
            Run dump = chromium(width, 1000, List.of("--enable-logging=stderr", "--v=0",
                    "--log-net-log=" + netlog, "--dump-dom"), probed);
            List<String> console = dump.err().lines().filter(l -> l.contains(":CONSOLE")).toList();
            assertThat(console).as("console messages of %s at %d px", name, width).isEmpty();
            assertThat(pageRequests(Files.readString(netlog))).as("requests from %s", name).isEmpty();
            String dom = dump.out();
            assertThat(dom).as("DOM of %s", name).contains("</html>").doesNotContain("<img")
                    .doesNotContain("<b>");
            Matcher m = Pattern.compile("data-probe=\"width=(\\d+);scroll=(\\d+);charts=(\\d+);sortable=(\\d+)"
                    + ";labels=(\\d+);overlaps=(\\d+)\"").matcher(dom);
            assertThat(m.find()).as("probe ran in %s (scripts execute)", name).isTrue();
            int viewport = Integer.parseInt(m.group(1));
            assertThat(Integer.parseInt(m.group(2))).as("page width of %s at %d px", name, viewport)
                    .isLessThanOrEqualTo(viewport);
            assertThat(Integer.parseInt(m.group(3))).as("charts in %s", name).isEqualTo(charts);
            assertThat(Integer.parseInt(m.group(4))).as("sortable headers in %s", name).isPositive();
            assertThat(Integer.parseInt(m.group(5))).as("axis labels in %s at %d px", name, width).isPositive();
            assertThat(Integer.parseInt(m.group(6))).as("overlapping or clipped axis labels in %s at %d px", name,
                    width).isZero();

            Files.createDirectories(SHOTS);
            Path png = SHOTS.resolve(name + "-" + width + ".png").toAbsolutePath();
            Files.deleteIfExists(png);
            chromium(width, width > 600 ? 4200 : 9000, List.of("--hide-scrollbars", "--screenshot=" + png), page);
            assertThat(png).exists();
            byte[] head = Files.readAllBytes(png);
            assertThat(head.length).isGreaterThan(1000);
            assertThat(new String(head, 1, 3, StandardCharsets.ISO_8859_1)).isEqualTo("PNG");
        }
    }

    /**
     * URLs of requests the page made. Requests of the browser itself (update checks and the like, which
     * --disable-background-networking does not stop entirely) have no origin; a file:// page's have "null".
     */
    static List<String> pageRequests(String netlog) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("\"initiator\":\"([^\"]*)\"").matcher(netlog);
        while (m.find()) {
            if (!m.group(1).equals("not an origin")) {
                int from = Math.max(0, m.start() - 600);
                Matcher url = Pattern.compile("\"url\":\"([^\"]*)\"").matcher(netlog.substring(from, m.start()));
                String last = "?";
                while (url.find()) {
                    last = url.group(1);
                }
                out.add(m.group(1) + " " + last);
            }
        }
        return out;
    }

    record Run(String out, String err) {
    }

    private Run chromium(int width, int height, List<String> extra, Path page) throws IOException,
            InterruptedException {
        Path profile = Files.createTempDirectory(tmp, "profile");
        List<String> cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-extensions", "--mute-audio", "--user-data-dir=" + profile,
                "--window-size=" + width + "," + height));
        cmd.addAll(extra);
        cmd.add(page.toUri().toString());
        Path out = tmp.resolve("chromium.out");
        Path err = tmp.resolve("chromium.err");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish in 90 s: " + cmd);
        }
        return new Run(Files.readString(out, StandardCharsets.UTF_8),
                new String(Files.readAllBytes(err), StandardCharsets.UTF_8));
    }
}
