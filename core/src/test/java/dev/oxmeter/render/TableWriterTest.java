package dev.oxmeter.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Thousands separators in human formats are those of {@code %,d} in the root locale, for every magnitude and sign. */
class TableWriterTest {
    @Test
    void groupsDigitsAsFormatDoes() {
        long[] samples = {0, 7, -7, 999, -999, 1000, -1000, 12_345, 999_999, 1_000_000, -1_234_567,
                Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1, 100_000_000_000L};
        for (long v : samples) {
            assertThat(TableWriter.grouped(v)).as("%d", v).isEqualTo(String.format(Locale.ROOT, "%,d", v));
        }
        for (long v = -20_000; v <= 20_000; v += 7) {
            assertThat(TableWriter.grouped(v)).isEqualTo(String.format(Locale.ROOT, "%,d", v));
        }
    }

    @Test
    void roundsTwoDecimalsAsFormatDoes() {
        double[] samples = {0, -0.0, 0.005, 0.015, 0.125, 1.005, 2.675, -2.675, 99.995, 100, 5.2, 1e-7, -1e-7, 1e20,
                123456789.125, Double.MAX_VALUE, Double.MIN_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (double d : samples) {
            assertThat(TableWriter.twoDecimals(d)).as("%s", d).isEqualTo(String.format(Locale.ROOT, "%.2f", d));
        }
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < 200_000; i++) {
            double d = i % 2 == 0 ? random.nextDouble() * 100 : Math.round(random.nextDouble() * 1e6) / 1e4;
            assertThat(TableWriter.twoDecimals(d)).as("%s", d).isEqualTo(String.format(Locale.ROOT, "%.2f", d));
        }
    }
}
