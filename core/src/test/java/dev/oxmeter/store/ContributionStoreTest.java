package dev.oxmeter.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oxmeter.model.Oid;
import dev.oxmeter.model.Revision;
import dev.oxmeter.people.Contributions;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contributions a people run keeps: a run that counted exactly what the store holds writes nothing, and any
 * difference (a row, a name, a window's end, rows lost from the table) rewrites that window, and only it.
 */
class ContributionStoreTest {
    @TempDir
    Path dir;

    private static final String OPTIONS = "language=Rust;exclude=";

    private static Oid oid(int n) {
        return Oid.fromHex(String.format("%040x", n));
    }

    private static Contributions.WindowSpec window(Integer start, int end) {
        return window(start, end, "r" + end);
    }

    /** A window whose end revision is labelled {@code label} (a period label stays while its commit moves on). */
    private static Contributions.WindowSpec window(Integer start, int end, String label) {
        Revision e = new Revision(label, oid(end), oid(1000 + end), Instant.ofEpochSecond(1_600_000_000L + end));
        return start == null ? new Contributions.WindowSpec(null, null, e)
                : new Contributions.WindowSpec(oid(start), "r" + start, e);
    }

    private static List<Contributions.Contribution> rows(List<Contributions.WindowSpec> windows, String bobName) {
        List<Contributions.Contribution> out = new ArrayList<>();
        for (Contributions.WindowSpec w : windows) {
            int base = w.end().commit().w3() * 10;
            out.add(new Contributions.Contribution(w, oid(base + 1), "alice@x.org", "Alice", "alice@x.org",
                    "author", 10, 2));
            out.add(new Contributions.Contribution(w, oid(base + 1), "carol@x.org", "Carol", "Carol@x.org",
                    "co-author", 10, 2));
            out.add(new Contributions.Contribution(w, oid(base + 2), "bob@x.org", bobName, "bob@x.org",
                    "author", 3, 0));
        }
        return out;
    }

    @Test
    void theSameRowsAreNotWrittenAgainAndAnyDifferenceRewritesItsWindow() throws Exception {
        List<Contributions.WindowSpec> windows = List.of(window(null, 1), window(1, 2), window(2, 3));
        try (Store store = Store.open(dir.resolve("s.duckdb"), m -> { })) {
            assertThat(ContributionStore.save(store, OPTIONS, "Rust", windows, rows(windows, "Bob"))).isEqualTo(3);
            String before = table(store);
            assertThat(before).contains("r1..r2|", "|Bob|bob@x.org|author|3|0");

            assertThat(ContributionStore.save(store, OPTIONS, "Rust", windows, rows(windows, "Bob")))
                    .as("a warm run that counted the same rows").isZero();
            assertThat(table(store)).isEqualTo(before);
            assertThat(savedAt(store)).hasSize(1);

            // one name changes (a new mailmap) in every window: every window is rewritten with the new rows
            assertThat(ContributionStore.save(store, OPTIONS, "Rust", windows, rows(windows, "Robert")))
                    .isEqualTo(3);
            assertThat(table(store)).doesNotContain("|Bob|").contains("|Robert|bob@x.org|author|3|0");

            // the last window, same label, ends at another commit (the branch moved on): only it is rewritten
            List<Contributions.WindowSpec> moved = List.of(window(null, 1), window(1, 2), window(2, 4, "r3"));
            List<Contributions.Contribution> movedRows = rows(moved, "Robert");
            assertThat(ContributionStore.save(store, OPTIONS, "Rust", moved, movedRows)).isEqualTo(1);
            assertThat(table(store)).contains("r2..r3|" + oid(2).hex() + "|" + oid(4).hex() + "|" + oid(41).hex())
                    .doesNotContain("|" + oid(3).hex() + "|").doesNotContain(oid(31).hex());

            // a window with a row lost from window_contributions is never taken for unchanged
            try (Statement st = store.connection().createStatement()) {
                st.execute("DELETE FROM window_contributions WHERE window_label = 'r1..r2' AND person = 'carol@x.org'");
            }
            assertThat(ContributionStore.save(store, OPTIONS, "Rust", moved, movedRows)).isEqualTo(1);
            assertThat(table(store)).contains("|" + oid(21).hex() + "|carol@x.org|Carol|Carol@x.org|co-author");

            // rows rewritten with as many rows but other names and a new saved_at, the way an oxmeter that kept no
            // digest replaced a window, are rewritten again
            try (Statement st = store.connection().createStatement()) {
                st.execute("UPDATE window_contributions SET name = 'Someone' WHERE window_label = '..r1'");
                st.execute("UPDATE people_windows SET saved_at = saved_at + INTERVAL 1 SECOND "
                        + "WHERE window_label = '..r1'");
            }
            assertThat(ContributionStore.save(store, OPTIONS, "Rust", moved, movedRows)).isEqualTo(1);
            assertThat(table(store)).doesNotContain("Someone");

            // other options keep their own rows
            assertThat(ContributionStore.save(store, OPTIONS + "x", "Rust", moved, movedRows)).isEqualTo(3);
            assertThat(ContributionStore.save(store, OPTIONS, "Rust", moved, movedRows)).isZero();
        }
    }

    @Test
    void digestsTellApartRowSetsThatConcatenateAlike() {
        Contributions.WindowSpec w = window(null, 1);
        List<Contributions.Contribution> a = List.of(new Contributions.Contribution(w, oid(1), "ab@x", "A B",
                "ab@x", "author", 1, 0));
        List<Contributions.Contribution> b = List.of(new Contributions.Contribution(w, oid(1), "ab@x", "A",
                "B ab@x", "author", 1, 0));
        List<Contributions.Contribution> c = List.of(new Contributions.Contribution(w, oid(1), "ab@x", "A B",
                "ab@x", "author", 10, 0));
        List<Contributions.Contribution> d = List.of(new Contributions.Contribution(w, oid(1), "ab@x", "A B",
                "ab@x", "author", 1, 0), new Contributions.Contribution(w, oid(1), "ab@x", "A B",
                "ab@x", "author", 1, 0));
        List<String> digests = List.of(ContributionStore.digest("Rust", w, a), ContributionStore.digest("Rust", w, b),
                ContributionStore.digest("Rust", w, c), ContributionStore.digest("Rust", w, d),
                ContributionStore.digest("C", w, a), ContributionStore.digest("Rust", window(null, 2), a));
        assertThat(digests).doesNotHaveDuplicates();
        assertThat(ContributionStore.digest("Rust", w, List.copyOf(a))).isEqualTo(digests.get(0));
    }

    /** The stored windows and contributions of {@link #OPTIONS}, one line each, sorted. */
    private static String table(Store store) throws Exception {
        List<String> out = new ArrayList<>();
        try (Statement st = store.connection().createStatement();
             ResultSet rs = st.executeQuery("SELECT w.window_label, w.start_commit, w.end_commit, c.commit, "
                     + "c.person, c.name, c.email, c.role, c.lines_added, c.lines_removed FROM people_windows w "
                     + "JOIN window_contributions c USING (options, window_label) WHERE options = '" + OPTIONS
                     + "' ORDER BY ALL")) {
            while (rs.next()) {
                StringBuilder sb = new StringBuilder();
                for (int i = 1; i <= 10; i++) {
                    sb.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                out.add(sb.toString());
            }
        }
        return String.join("\n", out);
    }

    private static List<String> savedAt(Store store) throws Exception {
        List<String> out = new ArrayList<>();
        try (Statement st = store.connection().createStatement();
             ResultSet rs = st.executeQuery("SELECT DISTINCT saved_at FROM people_windows")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
