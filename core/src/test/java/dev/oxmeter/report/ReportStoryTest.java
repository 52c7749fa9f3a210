package dev.oxmeter.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The report's story on long histories: where charts start, which rows are listed, labels, page size. */
class ReportStoryTest {
    private static ReportModel.Release release(String label, LocalDate date, long rust, long c, long rustFiles) {
        Map<String, Long> code = new LinkedHashMap<>();
        code.put("C", c);
        if (rust > 0) {
            code.put("Rust", rust);
        }
        code.put("Shell", c / 5);
        code.put("Perl", c / 20);
        return new ReportModel.Release(label, "0123456789abcdef0123456789abcdef01234567".substring(0, 40), date, code,
                c + rust + c / 5 + c / 20, rustFiles, ReportModel.Safety.NONE, ReportModel.Helpers.NONE,
                ReportModel.Boundary.NONE, rust > 0 ? Map.of("src/rust", rust) : Map.of());
    }

    /**
     * A git-like history: {@code n} releases over 20 years, Rust only in the last {@code rustReleases}, C growing
     * at every release.
     */
    static ReportModel longHistory(int n, int rustReleases) {
        List<ReportModel.Release> rs = new ArrayList<>();
        LocalDate d = LocalDate.parse("2005-12-21");
        for (int i = 0; i < n; i++) {
            int major = 1 + i / 200;
            int minor = (i % 200) / 4;
            int patch = i % 4;
            long rust = i >= n - rustReleases ? 500L * (i - (n - rustReleases) + 1) : 0;
            rs.add(release("v" + major + "." + minor + "." + patch, d.plusDays(i * 7300L / n), rust, 100_000 + 300L * i,
                    rust > 0 ? 3 : 0));
        }
        List<ReportModel.Window> ws = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ws.add(new ReportModel.Window((i == 0 ? "" : rs.get(i - 1).label()) + ".." + rs.get(i).label(),
                    rs.get(i).date(), i >= n - rustReleases ? 2 + i % 3 : 0, i >= n - rustReleases ? 1 : 0,
                    Math.max(0, i - (n - rustReleases) + 1), i % 3));
        }
        List<ReportModel.Person> top = List.of(new ReportModel.Person("Ada Lovelace", 40, 3000, 20, ws.get(n - 3)
                .label(), false), new ReportModel.Person("Grace Hopper", 2, 50, 0, ws.get(n - 1).label(), true));
        ReportModel.People people = new ReportModel.People(ws, rustReleases, List.of(new ReportModel.Employer(
                "example.com", 2, 42)), "email domain", top, new ReportModel.Latest(ws.get(n - 1).label(), true, top));
        Map<String, Map<String, Long>> comps = new LinkedHashMap<>();
        for (ReportModel.Release r : rs) {
            if (r.rustCode() > 0) {
                comps.put(r.label(), r.components());
            }
        }
        ReportModel m = new ReportModel("git", null, "oxmeter 9.9.9", n + " releases", rs,
                ReportModels.languages(rs), ReportModel.Part.absent("x"), ReportModel.Part.absent("no MAINTAINERS file"),
                ReportModel.Part.of(people));
        return ReportModels.withComponents(m, "directory (2 levels)", comps);
    }

    @Test
    void aThousandReleasesMakeAPageUnderOneMegabyte() throws Exception {
        ReportModel m = longHistory(1000, 4);
        String html = ReportHtml.render(m);
        java.nio.file.Files.writeString(java.nio.file.Path.of("target/long.html"), html);
        assertThat(html.getBytes(StandardCharsets.UTF_8).length).as("page bytes").isLessThan(1_000_000);
        assertThat(html.getBytes(StandardCharsets.UTF_8).length).as("page bytes").isLessThan(600_000);
        String md = ReportMarkdown.render(m);
        assertThat(md.getBytes(StandardCharsets.UTF_8).length).isLessThan(300_000);
    }

    @Test
    void rustChartsStartAtTheFirstReleaseWithRustAndThePageSaysWhatCameBefore() {
        ReportModel m = longHistory(300, 5);
        assertThat(m.firstRust()).isEqualTo(295);
        assertThat(m.rustReleases()).hasSize(5);
        assertThat(m.arrival()).startsWith("Rust arrived in " + m.releases().get(295).label() + " ("
                + m.releases().get(295).date() + "), release 296 of 300. The 295 releases before it (v1.0.0 (2005-12-21)"
                + " to " + m.releases().get(294).label() + ") had no Rust; at " + m.releases().get(294).label()
                + " the code was C 80.0 %, Shell 16.0 %, Perl 4.0 %.");
        assertThat(ReportTables.safety(m).rows()).hasSize(5);
        assertThat(ReportTables.components(m).rows()).hasSize(5);
        assertThat(ReportTables.contributors(m).rows()).hasSize(5);
        assertThat(ReportTables.composition(m).rows()).hasSize(300);
        // the Rust chart's first point is the arrival release
        String html = ReportHtml.render(m);
        int rustSection = html.indexOf("<section id=\"rust\">");
        String rust = html.substring(rustSection, html.indexOf("</section>", rustSection));
        assertThat(rust).contains(">" + m.releases().get(295).label() + "</text>")
                .doesNotContain(">v1.0.0</text>").contains("Charts start at " + m.releases().get(295).label());
    }

    @Test
    void theReleasesTableListsOnlyReleasesWhereRustChangedAndIsCollapsed() {
        ReportModel m = longHistory(50, 3);
        assertThat(m.changedReleases()).extracting(ReportModel.Release::label).containsExactly("v1.0.0",
                m.releases().get(47).label(), m.releases().get(48).label(), m.releases().get(49).label());
        String html = ReportHtml.render(m);
        int at = html.indexOf("<section id=\"releases\">");
        assertThat(html.substring(at)).contains("the table lists the 4 where Rust files or code changed")
                .contains("<details><summary>Table: Releases where Rust changed</summary>");
    }

    @Test
    void theHeadlineComparesLikeWithLike() {
        ReportModel m = longHistory(100, 60);
        List<ReportModel.Figure> h = m.headline();
        assertThat(h).extracting(ReportModel.Figure::label).containsExactly("Rust code at v1.24.3", "Rust share",
                "First release with Rust", "Rust growth over the last year", "Rust contributors in v1.24.2..v1.24.3",
                "Rust contributors in total");
        ReportModel.Figure growth = h.get(3);
        // 100 releases over 20 years: the release a year before the last is 5 releases back
        assertThat(growth.detail()).isEqualTo("+9.1 % since v1.23.2 (" + m.releases().get(94).date() + ")");
        assertThat(growth.value()).isEqualTo("+2,500 lines");
        assertThat(h.get(4).detail()).isEqualTo("3 on average per release window since Rust arrived");
        ReportModel young = longHistory(100, 3);
        assertThat(young.headline()).extracting(ReportModel.Figure::label).contains("Rust growth since it arrived");
    }

    @Test
    void peopleAreNamedAndNewOnesMarked() {
        String html = ReportHtml.render(longHistory(40, 4));
        assertThat(html).contains("<span class=\"pn\">Ada Lovelace</span> <span class=\"pc\">40 commits")
                .contains("<li class=\"new\"><span class=\"pn\">Grace Hopper</span> <span class=\"badge\">new</span>")
                .contains("<h3>By email domain</h3>").contains("--affiliations FILE")
                .contains("Generated by oxmeter 9.9.9.")
                .contains("Revisions: v1.0.0 <code class=\"id\">0123456789abcdef0123456789abcdef01234567</code>");
    }

    @Test
    void labelsNeverOverlapAndKeepTheEndsAndTheMostImportant() {
        double[] x = new double[200];
        List<String> texts = new ArrayList<>();
        int[] pr = new int[200];
        for (int i = 0; i < 200; i++) {
            x[i] = 10 + i * 4.5;
            texts.add("v2." + i + ".0");
            pr[i] = i == 0 || i == 199 ? 100 : i % 50 == 0 ? 20 : 0;
        }
        for (double font : new double[] {11, 13}) {
            List<LabelLayout.Placed> p = LabelLayout.place(x, texts, pr, font, 0, 910, 6);
            for (int a = 0; a < p.size(); a++) {
                assertThat(p.get(a).x0()).isGreaterThanOrEqualTo(0);
                assertThat(p.get(a).x1()).isLessThanOrEqualTo(910);
                for (int b = a + 1; b < p.size(); b++) {
                    assertThat(p.get(a).x1() + 6).as("%s and %s", p.get(a), p.get(b)).isLessThanOrEqualTo(p.get(b).x0());
                }
            }
            assertThat(p).extracting(LabelLayout.Placed::index).contains(0, 50, 100, 150, 199);
            assertThat(p.get(0).anchor()).isEqualTo(LabelLayout.Anchor.START);
            assertThat(p.get(p.size() - 1).anchor()).isEqualTo(LabelLayout.Anchor.END);
        }
        assertThat(LabelLayout.width("v2.45.0", 10)).isGreaterThan(LabelLayout.width("v2.4", 10));
        assertThat(ReportHtml.roundness("v2.0.0")).isEqualTo(2);
        assertThat(ReportHtml.roundness("v2.45.0")).isEqualTo(1);
        assertThat(ReportHtml.roundness("v2.45.1")).isZero();
        assertThat(ReportHtml.roundness("2024-10")).isZero();
    }

    @Test
    void chartLabelsInTheRenderedSvgDoNotOverlapAtEitherWidth() {
        ReportModel m = longHistory(400, 400);
        for (SvgCharts.Frame fr : List.of(SvgCharts.WIDE, SvgCharts.NARROW)) {
            String svg = TimeCharts.lines(fr, "t", ReportHtml.points(m, m.releases()), List.of(new SvgCharts.Series(
                    "s", m.releases().stream().mapToDouble(ReportModel.Release::rustCode).toArray(), "c0")),
                    SvgCharts.Unit.COUNT, null, false);
            Matcher t = Pattern.compile("<text class=\"rl\" x=\"([0-9.]+)\" y=\"[0-9.]+\" font-size=\"([0-9.]+)\" "
                    + "text-anchor=\"(start|middle|end)\">([^<]*)</text>").matcher(svg);
            List<double[]> boxes = new ArrayList<>();
            while (t.find()) {
                double w = LabelLayout.width(t.group(4), Double.parseDouble(t.group(2)));
                double xx = Double.parseDouble(t.group(1));
                double x0 = t.group(3).equals("start") ? xx : t.group(3).equals("end") ? xx - w : xx - w / 2;
                boxes.add(new double[] {x0, x0 + w});
            }
            assertThat(boxes.size()).as("labels at width %d", fr.w()).isBetween(3, fr.w() / 30);
            for (int a = 0; a + 1 < boxes.size(); a++) {
                assertThat(boxes.get(a)[1]).isLessThan(boxes.get(a + 1)[0]);
            }
            assertThat(boxes.get(0)[0]).isGreaterThanOrEqualTo(fr.left() - 0.05);
            assertThat(boxes.get(boxes.size() - 1)[1]).isLessThanOrEqualTo(fr.w() - fr.right() + 0.05);
        }
    }
}
