package dev.oxmeter.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SvgChartsTest {
    /** What {@link SvgCharts#f} promises to print: the Formatter's one decimal, trailing ".0" trimmed. */
    private static String formatter(double v) {
        String s = String.format(Locale.ROOT, "%.1f", v);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }

    @Test
    void coordinatesPrintExactlyAsTheFormatterPrintsThem() {
        double[] edges = {0, -0.0, 0.04, 0.05, 0.15, 0.25, 0.35, 0.45, 0.95, 0.96, 1, 1.05, 2.5, 9.95, 9.96, 10,
                99.95, 123.45, 123.449999, 123.450001, 999_999.94, 999_999.96, 1e6, 1e6 + 0.05, 1e12, -0.04, -0.05,
                -1.25, -3, Double.MIN_VALUE, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (double v : edges) {
            assertThat(SvgCharts.f(v)).as("%s", v).isEqualTo(formatter(v));
        }
        Random r = new Random(11);
        for (int i = 0; i < 200_000; i++) {
            double v = switch (i % 4) {
                case 0 -> r.nextDouble() * 1000;
                case 1 -> r.nextInt(20_000) / 100.0;              // two decimals: many ties in decimal
                case 2 -> r.nextInt(2_000_000) / 20.0 + 0.05;     // .x5 ties
                default -> (r.nextDouble() - 0.3) * Math.pow(10, r.nextInt(9));
            };
            assertThat(SvgCharts.f(v)).as("%s", v).isEqualTo(formatter(v));
        }
        assertThat(SvgCharts.f(12.34)).isEqualTo("12.3");
        assertThat(SvgCharts.f(12.96)).isEqualTo("13");
    }
}
