package dev.oxmeter.store;

import dev.oxmeter.people.Contributions;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Keeps what a {@code people} run counted, so that SQL over the views {@code contributions} and
 * {@code contributors} gives the people {@code people} prints: tables {@code people_windows} (one row per window
 * and options) and {@code window_contributions} (one row per window, counted commit and contributor, mailmap
 * applied). A later run with the same options replaces a window's rows. Not thread-safe (one store, one thread).
 */
public final class ContributionStore {
    private ContributionStore() {
    }

    /**
     * Replaces the rows of {@code windows} under {@code options} with {@code rows}, in one transaction.
     *
     * @param options  the run's options ({@link dev.oxmeter.people.PeopleRun#describe})
     * @param language the language counted
     * @param windows  every window of the run, in order (empty ones too)
     * @param rows     what the run counted
     */
    public static void save(Store store, String options, String language, List<Contributions.WindowSpec> windows,
                            List<Contributions.Contribution> rows) {
        Map<String, Contributions.WindowSpec> byLabel = new LinkedHashMap<>();
        for (Contributions.WindowSpec w : windows) {
            byLabel.put(w.label(), w);
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        store.transaction(c -> {
            try (var del = c.prepareStatement("DELETE FROM people_windows WHERE options = ? AND window_label = ?");
                 var delRows = c.prepareStatement("DELETE FROM window_contributions WHERE options = ? AND window_label = ?")) {
                for (String label : byLabel.keySet()) {
                    for (var ps : List.of(del, delRows)) {
                        ps.setString(1, options);
                        ps.setString(2, label);
                        ps.addBatch();
                    }
                }
                del.executeBatch();
                delRows.executeBatch();
            }
            DuckDBConnection dc = c.unwrap(DuckDBConnection.class);
            try (DuckDBAppender win = dc.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "people_windows");
                 DuckDBAppender con = dc.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "window_contributions")) {
                for (Contributions.WindowSpec w : byLabel.values()) {
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
                }
                for (Contributions.Contribution r : rows) {
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
            }
        });
    }
}
