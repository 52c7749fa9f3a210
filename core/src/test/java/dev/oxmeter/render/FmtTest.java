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
}
