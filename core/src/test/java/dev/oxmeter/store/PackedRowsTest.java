package dev.oxmeter.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oxmeter.model.Oid;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackedRowsTest {
    @TempDir
    Path tmp;

    @Test
    void rowsComeBackExactlyAsStringsAndInPlace() throws Exception {
        try (Store store = Store.open(tmp.resolve("s.duckdb"), m -> { })) {
            Connection c = store.connection();
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE t (k VARCHAR, name VARCHAR, n BIGINT)");
                st.execute("INSERT INTO t VALUES ('a', 'C Header', 0), ('a', 'x:y\n''z', -42), "
                        + "('b', NULL, 9223372036854775807), ('b', 'Größe', -9223372036854775807), ('c', '', NULL)");
            }
            List<String> asStrings = new ArrayList<>();
            PackedRows.read(c, "k, name, n", "t", "k", "rowid", new Object[0],
                    f -> asStrings.add(f[0] + "|" + f[1] + "|" + f[2]));
            List<String> inPlace = new ArrayList<>();
            PackedRows.readRaw(c, "k, name, n", "t", "k", "rowid", new Object[0], r -> inPlace.add(r.string(0) + "|"
                    + r.string(1) + "|" + (r.isNull(2) ? "null" : Long.toString(r.longValue(2)))
                    + (r.sameAs(1, "C Header".getBytes(java.nio.charset.StandardCharsets.UTF_8)) ? " (same)" : "")));
            assertThat(asStrings).containsExactlyInAnyOrder("a|C Header|0", "a|x:y\n'z|-42",
                    "b|null|9223372036854775807", "b|Größe|-9223372036854775807", "c||null");
            assertThat(inPlace).containsExactlyInAnyOrder("a|C Header|0 (same)", "a|x:y\n'z|-42",
                    "b|null|9223372036854775807", "b|Größe|-9223372036854775807", "c||null");
            // an integer column (#) sent as digits and a comma reads the same, NULL and extremes included
            List<String> integers = new ArrayList<>();
            PackedRows.readRaw(c, "k, #n, name, #length(k) - 2", "t", "k", "rowid", new Object[0],
                    r -> integers.add(r.string(0) + "|" + (r.isNull(1) ? "null" : Long.toString(r.longValue(1)))
                            + "|" + r.string(2) + "|" + r.longValue(3)));
            assertThat(integers).containsExactlyInAnyOrder("a|0|C Header|-1", "a|-42|x:y\n'z|-1",
                    "b|9223372036854775807|null|-1", "b|-9223372036854775807|Größe|-1", "c|null||-1");
        }
    }

    @Test
    void objectIdsParseFromBytesAsFromText() {
        String hex = "0123456789abcdefFEDCBA9876543210deadBEEF";
        byte[] b = ("xx" + hex).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(Oid.fromHex(b, 2)).isEqualTo(Oid.fromHex(hex.toLowerCase(java.util.Locale.ROOT)));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Oid.fromHex(b, 3))
                .isInstanceOf(IllegalArgumentException.class);
        byte[] bad = hex.replace('d', 'g').getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Oid.fromHex(bad, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
