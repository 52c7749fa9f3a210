package dev.oxmeter.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oxmeter.render.Fmt;
import dev.oxmeter.render.Html;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportRenderTest {
    static final String EVIL = "<img src=x onerror=alert(1)>";

    @Test
    void escapesTextAndAttributes() {
        assertThat(Html.esc(EVIL + "\"'&")).isEqualTo("&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;");
        assertThat(Html.esc("a\u0000b\u007f\tc")).isEqualTo("a\uFFFDb\uFFFD\tc");
        assertThat(Html.esc(null)).isEmpty();
        assertThat(Html.esc("plain")).isEqualTo("plain");
    }

    @Test
    void numbersAreLocaleIndependent() {
        assertThat(Fmt.count(1234567)).isEqualTo("1,234,567");
        assertThat(Fmt.signed(-5)).isEqualTo("\u22125");
        assertThat(Fmt.percent(Double.NaN)).isEqualTo("\u2013");
        assertThat(Fmt.compact(1250)).isEqualTo("1.25k");
        assertThat(Fmt.decimals(0.05, 3)).isEqualTo("0.05");
        assertThat(Fmt.decimals(20, 3)).isEqualTo("20");
    }

    @Test
    void axisStepsAreRoundAndCoverTheData() {
        SvgCharts.Axis a = SvgCharts.Axis.of(SvgCharts.WIDE, 0.22, SvgCharts.Unit.PERCENT);
        assertThat(a.step()).isEqualTo(0.05);
        assertThat(a.max()).isCloseTo(0.25, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(SvgCharts.Axis.of(SvgCharts.WIDE, 3, SvgCharts.Unit.COUNT).step()).isEqualTo(1);
        assertThat(SvgCharts.Axis.of(SvgCharts.WIDE, 0, SvgCharts.Unit.COUNT).max()).isEqualTo(1);
    }

    private static ReportModel.Release release(String label, long rust, long c) {
        return new ReportModel.Release(label, "", LocalDate.parse("2024-01-01"), Map.of("Rust", rust, "C", c),
                rust + c, rust > 0 ? 1 : 0, ReportModel.Safety.NONE, ReportModel.Helpers.NONE,
                ReportModel.Boundary.NONE, Map.of());
    }

    @Test
    void absentSectionsSayWhyAndNoChartIsDrawn() {
        ReportModel m = new ReportModel(EVIL, null, "oxmeter test", "2 releases",
                List.of(release("v1", 0, 100), release(EVIL, 50, 150)), List.of("C", "Rust"),
                ReportModel.Part.absent("not computed"), ReportModel.Part.absent("no MAINTAINERS file"),
                ReportModel.Part.absent("not computed"));
        String html = ReportHtml.render(m);
        assertThat(html).doesNotContain(EVIL).contains("Not applicable: no MAINTAINERS file.")
                .contains("Not applicable: no C helpers (rust_helper_*) in any selected release.")
                .contains("Not applicable: no unsafe Rust in any selected release.")
                .doesNotContain("http://").doesNotContain("https://").contains(Html.esc(ReportHtml.CSP));
        assertThat(m.headline()).extracting(ReportModel.Figure::label)
                .containsExactly("Rust code at " + EVIL, "Rust share", "First release with Rust");
        assertThat(m.headline().get(2).detail()).isEqualTo("2024-01-01, 1 release without Rust before it");
        String md = ReportMarkdown.render(m);
        assertThat(md).doesNotContain(EVIL).contains("&lt;img src=x onerror=alert(1)&gt;");
        assertThat(ReportHtml.render(m)).isEqualTo(html);
    }

    @Test
    void aPartHasAValueOrAReason() {
        assertThatThrownBy(() -> new ReportModel.Part<>("x", "y")).isInstanceOf(IllegalArgumentException.class);
        assertThat(ReportModel.Part.of(1).present()).isTrue();
    }
}
