package dev.oxmeter.store;

import dev.oxmeter.OxmeterException;
import dev.oxmeter.people.Contributions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Keeps what a {@code people} run counted, so that SQL over the views {@code contributions} and
 * {@code contributors} gives the people {@code people} prints: tables {@code people_windows} (one row per window
 * and options) and {@code window_contributions} (one row per window, counted commit and contributor, mailmap
 * applied). A later run with the same options replaces a window's rows; when it counted exactly the rows already
 * there (same SHA-256 digest of the window's row and its contributions, kept in {@code people_window_digests},
 * and the same number of rows), the window is left as it is, so a warm run writes nothing. Not thread-safe (one
 * store, one thread).
 */
public final class ContributionStore {
    private ContributionStore() {
    }

    /**
     * Replaces the rows of {@code windows} under {@code options} with {@code rows}, in one transaction, leaving
     * the windows whose stored rows are already exactly these. Cost: one digest over the rows, one small query,
     * and writes only for windows that changed.
     *
     * @param options  the run's options ({@link dev.oxmeter.people.PeopleRun#describe})
     * @param language the language counted
     * @param windows  every window of the run, in order (empty ones too)
     * @param rows     what the run counted
     * @return the number of windows written (0 when the store already held every window as counted)
     */
    public static int save(Store store, String options, String language, List<Contributions.WindowSpec> windows,
                           List<Contributions.Contribution> rows) {
        Map<String, Contributions.WindowSpec> byLabel = new LinkedHashMap<>();
        for (Contributions.WindowSpec w : windows) {
            byLabel.put(w.label(), w);
        }
        Map<String, List<Contributions.Contribution>> rowsOf = new HashMap<>();
        for (Contributions.Contribution r : rows) {
            rowsOf.computeIfAbsent(r.window().label(), k -> new ArrayList<>()).add(r);
        }
        Map<String, String> digests = new LinkedHashMap<>();
        for (Contributions.WindowSpec w : byLabel.values()) {
            digests.put(w.label(), digest(language, w, rowsOf.getOrDefault(w.label(), List.of())));
        }
        Map<String, String> stored = stored(store, options);
        List<Contributions.WindowSpec> changed = new ArrayList<>();
        for (Contributions.WindowSpec w : byLabel.values()) {
            String label = w.label();
            String key = rowsOf.getOrDefault(label, List.of()).size() + " " + digests.get(label);
            if (!key.equals(stored.get(label))) {
                changed.add(w);
            }
        }
        if (changed.isEmpty()) {
            return 0;
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        store.transaction(c -> {
            try (var del = c.prepareStatement("DELETE FROM people_windows WHERE options = ? AND window_label = ?");
                 var delRows = c.prepareStatement("DELETE FROM window_contributions WHERE options = ? AND window_label = ?");
                 var delDigest = c.prepareStatement(
                         "DELETE FROM people_window_digests WHERE options = ? AND window_label = ?")) {
                for (Contributions.WindowSpec w : changed) {
                    for (var ps : List.of(del, delRows, delDigest)) {
                        ps.setString(1, options);
                        ps.setString(2, w.label());
                        ps.addBatch();
                    }
                }
                del.executeBatch();
                delRows.executeBatch();
                delDigest.executeBatch();
            }
            DuckDBConnection dc = c.unwrap(DuckDBConnection.class);
            try (DuckDBAppender win = dc.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "people_windows");
                 DuckDBAppender con = dc.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "window_contributions");
                 DuckDBAppender dig = dc.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "people_window_digests")) {
                for (Contributions.WindowSpec w : changed) {
                    win.beginRow();
                    win.append(options);
                    win.append(language);
                    win.append(w.label());
                    if (w.start() == null) {
                        win.appendNull();
                    } else {
                        win.append(w.start().hex());
                    }
                    win.append(w.end().commit().hex());
                    if (w.end().date() == null) {
                        win.appendNull();
                    } else {
                        win.append(OffsetDateTime.ofInstant(w.end().date(), ZoneOffset.UTC));
                    }
                    win.append(now);
                    win.endRow();
                    List<Contributions.Contribution> mine = rowsOf.getOrDefault(w.label(), List.of());
                    for (Contributions.Contribution r : mine) {
                        con.beginRow();
                        con.append(options);
                        con.append(r.window().label());
                        con.append(r.commit().hex());
                        con.append(r.person());
                        con.append(r.name());
                        con.append(r.email());
                        con.append(r.role());
                        con.append(r.linesAdded());
                        con.append(r.linesRemoved());
                        con.endRow();
                    }
                    dig.beginRow();
                    dig.append(options);
                    dig.append(w.label());
                    dig.append((long) mine.size());
                    dig.append(now);
                    dig.append(digests.get(w.label()));
                    dig.endRow();
                }
            }
        });
        return changed.size();
    }

    /**
     * The windows of {@code options} whose digest is kept, as "rows digest": only when {@code window_contributions}
     * holds that many rows for the window and its {@code people_windows} row was saved with the digest (same
     * {@code saved_at}), so rows rewritten without a digest (by hand, or by an oxmeter that kept none) never pass
     * for unchanged.
     */
    private static Map<String, String> stored(Store store, String options) {
        Map<String, String> out = new HashMap<>();
        String sql = "SELECT d.window_label, d.rows, d.digest, "
                + "(SELECT count(*) FROM window_contributions c WHERE c.options = d.options "
                + "AND c.window_label = d.window_label), "
                + "(SELECT count(*) FROM people_windows w WHERE w.options = d.options "
                + "AND w.window_label = d.window_label), "
                + "(SELECT count(*) FROM people_windows w WHERE w.options = d.options "
                + "AND w.window_label = d.window_label AND w.saved_at = d.saved_at) "
                + "FROM people_window_digests d WHERE d.options = ?";
        try (PreparedStatement ps = store.connection().prepareStatement(sql)) {
            ps.setString(1, options);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getLong(2) == rs.getLong(4) && rs.getLong(5) == 1 && rs.getLong(6) == 1) {
                        out.put(rs.getString(1), rs.getLong(2) + " " + rs.getString(3));
                    }
                }
            }
        } catch (SQLException e) {
            throw new OxmeterException("reading people windows from " + store.file() + " failed: "
                    + Store.firstLine(e.getMessage()), e);
        }
        return out;
    }

    /**
     * SHA-256 of everything a window's rows hold: the {@code people_windows} columns but the time of saving, then
     * each contribution (commit id, the index of its (person, name, email) in the window's list of distinct
     * identities, role, lines), then that list; strings are length-prefixed UTF-8 and numbers prefix-free, so no
     * two row sets encode alike. The compact encoding keeps the digest cheap on a short run (tens of thousands of rows).
     */
    static String digest(String language, Contributions.WindowSpec w, List<Contributions.Contribution> rows) {
        Bytes b = new Bytes(64 + rows.size() * 48);
        b.string(language);
        b.string(w.label());
        b.string(w.start() == null ? null : w.start().hex());
        b.string(w.end().commit().hex());
        b.number(w.end().date() == null ? Long.MIN_VALUE : w.end().date().getEpochSecond());
        b.number(rows.size());
        Map<List<String>, Integer> who = new HashMap<>();
        List<List<String>> order = new ArrayList<>();
        for (Contributions.Contribution r : rows) {
            b.fixed(r.commit().w1());
            b.fixed(r.commit().w2());
            b.fixed(r.commit().w3());
            List<String> id = List.of(r.person(), r.name(), r.email());
            Integer i = who.get(id);
            if (i == null) {
                i = order.size();
                order.add(id);
                who.put(id, i);
            }
            b.number(i);
            switch (r.role()) {
                case "author" -> b.number(0);
                case "co-author" -> b.number(1);
                default -> {
                    b.number(2);
                    b.string(r.role());
                }
            }
            b.number(r.linesAdded());
            b.number(r.linesRemoved());
        }
        for (List<String> id : order) {
            for (String v : id) {
                b.string(v);
            }
        }
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(b.data, 0, b.size);
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A growable byte buffer for {@link #digest}. */
    private static final class Bytes {
        byte[] data;
        int size;

        Bytes(int capacity) {
            data = new byte[capacity];
        }

        /** {@code v} as 8 bytes. */
        void fixed(long v) {
            room(8);
            for (int i = 0; i < 8; i++) {
                data[size++] = (byte) (v >>> (56 - 8 * i));
            }
        }

        /** {@code v} zigzag-encoded in 7-bit groups (1 byte below 64), a prefix-free encoding of every long. */
        void number(long v) {
            room(10);
            long z = (v << 1) ^ (v >> 63);
            while ((z & ~0x7FL) != 0) {
                data[size++] = (byte) ((z & 0x7F) | 0x80);
                z >>>= 7;
            }
            data[size++] = (byte) z;
        }

        void string(String v) {
            if (v == null) {
                number(-1);
                return;
            }
            byte[] u = v.getBytes(StandardCharsets.UTF_8);
            number(u.length);
            room(u.length);
            System.arraycopy(u, 0, data, size, u.length);
            size += u.length;
        }

        private void room(int n) {
            if (size + n > data.length) {
                data = java.util.Arrays.copyOf(data, Math.max(data.length * 2, size + n));
            }
        }
    }
}
