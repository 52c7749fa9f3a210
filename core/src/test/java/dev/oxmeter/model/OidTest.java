package dev.oxmeter.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OidTest {
    @Test
    void hexIsTheFortyLowerCaseDigitsBothParsersRead() {
        Random random = new Random(11);
        HexFormat hex = HexFormat.of();
        for (int i = 0; i < 10_000; i++) {
            byte[] raw = new byte[20];
            random.nextBytes(raw);
            if (i < 3) {
                java.util.Arrays.fill(raw, (byte) (i == 0 ? 0 : i == 1 ? -1 : 0x80));
            }
            String expected = hex.formatHex(raw);
            Oid id = Oid.fromHex(expected);
            assertThat(id.hex()).isEqualTo(expected);
            assertThat(Oid.fromHex(expected.getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0)).isEqualTo(id);
        }
    }
}
