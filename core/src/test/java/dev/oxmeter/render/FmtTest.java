package dev.oxmeter.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FmtTest {
    @Test
    void countGroupsDigitsExactlyAsTheFormatterDoes() {
        long[] edges = {0, 1, -1, 9, 10, 99, 100, 999, -999, 1000, -1000, 9999, 12345, 123456, -123456, 1234567,
                999_999, 1_000_000, -1_000_000, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1};
        for (long n : edges) {
            assertThat(Fmt.count(n)).as("%d", n).isEqualTo(String.format(Locale.ROOT, "%,d", n));
        }
        Random r = new Random(7);
        for (int i = 0; i < 10_000; i++) {
            long n = r.nextLong() >> r.nextInt(64);
            assertThat(Fmt.count(n)).as("%d", n).isEqualTo(String.format(Locale.ROOT, "%,d", n));
        }
        assertThat(Fmt.count(1234567)).isEqualTo("1,234,567");
    }

    @Test
    void fixedRoundsExactlyAsTheFormatterDoes() {
        double[] samples = {0, -0.0, 0.005, 0.015, 0.125, 1.005, 2.675, -2.675, 0.05, 0.25, 99.995, 100, 5.2, 1e-7,
                -1e-7, 1e20, 123456789.125, Double.MAX_VALUE, Double.MIN_VALUE, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY, Double.NaN};
        for (int decimals = 0; decimals <= 3; decimals++) {
            for (double d : samples) {
                assertThat(Fmt.fixed(d, decimals)).as("%s, %d decimals", d, decimals)
                        .isEqualTo(String.format(Locale.ROOT, "%." + decimals + "f", d));
            }
        }
        Random random = new Random(42);
        for (int i = 0; i < 200_000; i++) {
            double d = i % 2 == 0 ? random.nextDouble() * 100 : Math.round(random.nextDouble() * 1e6) / 1e4;
            int decimals = 1 + i % 3;
            assertThat(Fmt.fixed(d, decimals)).as("%s, %d decimals", d, decimals)
                    .isEqualTo(String.format(Locale.ROOT, "%." + decimals + "f", d));
        }
    }
}
