package dev.oxmeter.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Two decimals as {@code %.2f} in the root locale gives them, for every magnitude and sign. */
class TableWriterTest {
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
