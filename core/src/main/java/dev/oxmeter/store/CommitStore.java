package dev.oxmeter.store;

import dev.oxmeter.OxmeterException;
import dev.oxmeter.facts.FactsComputer;
import dev.oxmeter.language.LanguageCatalog;
import dev.oxmeter.model.Oid;
import dev.oxmeter.people.CommitFacts;
import dev.oxmeter.people.CommitFactsCache;
import dev.oxmeter.people.Identity;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Commit facts in the store (tables {@code commits}, {@code commit_trailers}, {@code commit_files}), keyed by commit
 * id, and the commit graph ({@code commit_graph}: each commit's parents). The version of the facts is kept in
 * {@code meta} under {@code commit_facts_version}: when it differs from this oxmeter's (another derivation version or
 * language catalog), the facts tables are emptied and the facts recomputed; the graph depends on no version (a
 * commit id fixes its parents) and is kept. Not thread-safe (one store, one thread).
 */
public final class CommitStore implements CommitFactsCache {
    static final String META_KEY = "commit_facts_version";
    /** Commits per text when the graph or the ids are loaded whole. */
    private static final int CHUNK = 65536;

    private final Store store;
    private Map<Oid, Long> known;
    private Map<Oid, List<Oid>> parents;

    private CommitStore(Store store) {
        this.store = store;
    }

    /** The version string of commit facts computed with {@code catalog} by this oxmeter. */
    public static String factsVersion(LanguageCatalog catalog) {
        return "commits" + CommitFacts.VERSION + "/" + new FactsComputer(catalog, List.of()).linesVersion();
    }

    /**
     * The commit facts of {@code store}, first emptied (with a notice) when they were computed under another
     * {@code version}.
     */
    public static CommitStore open(Store store, String version, Consumer<String> notice) {
        CommitStore cs = new CommitStore(store);
        store.transaction(c -> {
            String current = null;
            try (PreparedStatement ps = c.prepareStatement("SELECT value FROM meta WHERE key = ?")) {
                ps.setString(1, META_KEY);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        current = rs.getString(1);
                    }
                }
            }
            if (version.equals(current)) {
                return;
            }
            try (Statement st = c.createStatement()) {
                long rows = 0;
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM commits")) {
                    rows = rs.next() ? rs.getLong(1) : 0;
                }
                if (rows > 0) {
                    notice.accept("commit facts in " + store.file() + " were computed by another version ("
                            + current + "): recomputing them");
                }
                for (String t : List.of("commits", "commit_trailers", "commit_files", "people_windows",
                        "window_contributions", "people_window_digests")) {
                    st.execute("DELETE FROM " + t);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO meta VALUES (?, ?)")) {
                ps.setString(1, META_KEY);
                ps.setString(2, version);
                ps.execute();
            }
        });
        return cs;
    }

    /**
     * Loads the whole stored graph the first time it is called: O(stored commits) once, read as a few long
     * texts (one per {@link #CHUNK} commits) rather than row by row, which costs a JDBC round of string decoding
     * per value.
     */
    @Override
    public Map<Oid, List<Oid>> parents() {
        if (parents == null) {
            Map<Oid, List<Oid>> out = new HashMap<>();
            // one line per commit: its id, then its parents' ids each after a space ('commit_graph.parents' is
            // the space-separated list)
            query("SELECT string_agg(commit || CASE WHEN parents = '' THEN '' ELSE ' ' || parents END, chr(10)) "
                    + "FROM commit_graph GROUP BY rowid // " + CHUNK, rs -> {
                        String text = rs.getString(1);
                        int n = text.length();
                        int at = 0;
                        while (at < n) {
                            Oid id = Oid.fromHex(text, at);
                            at += 40;
                            List<Oid> list;
                            if (at >= n || text.charAt(at) == '\n') {
                                list = List.of();
                            } else {
                                List<Oid> ps = new ArrayList<>(2);
                                while (at < n && text.charAt(at) == ' ') {
                                    ps.add(Oid.fromHex(text, at + 1));
                                    at += 41;
                                }
                                list = ps.size() == 1 ? List.of(ps.get(0)) : List.copyOf(ps);
                            }
                            if (at < n && text.charAt(at) != '\n') {
                                throw new SQLException("unexpected commit_graph text at " + at);
                            }
                            at++;
                            out.put(id, list);
                        }
                    });
            parents = out;
        }
        return parents;
    }

    @Override
    public void saveParents(Map<Oid, List<Oid>> batch) {
        if (batch.isEmpty()) {
            return;
        }
        Map<Oid, List<Oid>> known = parents();
        store.transaction(c -> {
            DuckDBConnection dc = c.unwrap(DuckDBConnection.class);
            try (DuckDBAppender graph = dc.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "commit_graph")) {
                StringBuilder sb = new StringBuilder();
                for (Map.Entry<Oid, List<Oid>> e : batch.entrySet()) {
                    if (known.containsKey(e.getKey())) {
                        continue;
                    }
                    sb.setLength(0);
                    for (Oid p : e.getValue()) {
                        if (sb.length() > 0) {
                            sb.append(' ');
                        }
                        sb.append(p.hex());
                    }
                    graph.beginRow();
                    graph.append(e.getKey().hex());
                    graph.append(sb.toString());
                    graph.endRow();
                }
            }
        });
        batch.forEach(known::putIfAbsent);
    }

    /** Loads the ids of all stored commits the first time it is called: O(stored commits) once, in long texts. */
    @Override
    public boolean isKnown(Oid id) {
        return known().containsKey(id);
    }

    /** Answered from the commit graph and the commits' committer times, both loaded once. */
    @Override
    public Step step(Oid commit) {
        Long time = known().get(commit);
        List<Oid> ps = time == null ? null : parents().get(commit);
        return ps == null ? null : new Step(Instant.ofEpochSecond(time), ps.isEmpty() ? null : ps.get(0));
    }

    /** The stored commits with their committer times (epoch seconds). */
    private Map<Oid, Long> known() {
        if (known == null) {
            Map<Oid, Long> ids = new HashMap<>();
            // one line per commit: its id, then its committer time in epoch seconds
            query("SELECT string_agg(commit || CAST(epoch_ms(commit_time) // 1000 AS VARCHAR), chr(10)) "
                    + "FROM commits GROUP BY rowid // " + CHUNK, rs -> {
                        String text = rs.getString(1);
                        int n = text.length();
                        int at = 0;
                        while (at < n) {
                            Oid id = Oid.fromHex(text, at);
                            int end = text.indexOf('\n', at + 40);
                            end = end < 0 ? n : end;
                            ids.put(id, Long.parseLong(text, at + 40, end, 10));
                            at = end + 1;
                        }
                    });
            known = ids;
        }
        return known;
    }

    /** Number of commits stored. */
    public long size() {
        long[] n = {0};
        query("SELECT count(*) FROM commits", rs -> n[0] = rs.getLong(1));
        return n[0];
    }

    @Override
    public void save(List<CommitFacts> batch) {
        if (batch.isEmpty()) {
            return;
        }
        store.transaction(c -> {
            DuckDBConnection dc = c.unwrap(DuckDBConnection.class);
            try (DuckDBAppender commits = dc.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "commits");
                 DuckDBAppender trailers = dc.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "commit_trailers");
                 DuckDBAppender files = dc.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "commit_files")) {
                for (CommitFacts f : batch) {
                    String id = f.id().hex();
                    commits.beginRow();
                    commits.append(id);
                    commits.append(f.parents());
                    commits.append(f.author().name());
                    commits.append(f.author().email());
                    commits.append(OffsetDateTime.ofInstant(f.authorTime(), ZoneOffset.UTC));
                    commits.append(OffsetDateTime.ofInstant(f.commitTime(), ZoneOffset.UTC));
                    commits.append(f.subject());
                    commits.endRow();
                    int pos = 0;
                    for (CommitFacts.PersonTrailer t : f.trailers()) {
                        trailers.beginRow();
                        trailers.append(id);
                        trailers.append(pos++);
                        trailers.append(t.key());
                        trailers.append(t.who().name());
                        trailers.append(t.who().email());
                        trailers.append(t.value());
                        trailers.endRow();
                    }
                    for (CommitFacts.FileFact x : f.files()) {
                        files.beginRow();
                        files.append(id);
                        files.append(x.path());
                        if (x.oldPath() == null) {
                            files.appendNull();
                        } else {
                            files.append(x.oldPath());
                        }
                        files.append(x.change());
                        files.append(x.language());
                        files.append(x.added());
                        files.append(x.removed());
                        files.endRow();
                    }
                }
            }
        });
        if (known != null) {
            batch.forEach(f -> known.put(f.id(), f.commitTime().getEpochSecond()));
        }
    }

    @Override
    public List<CommitFacts> touching(String language) {
        return touching(language, null);
    }

    /** Reads only the trailers of {@code trailerKeys}: on git/git, a tenth of the trailers of a language's commits. */
    @Override
    public List<CommitFacts> touching(String language, Set<String> trailerKeys) {
        Map<String, List<CommitFacts.FileFact>> files = new HashMap<>();
        Map<String, List<CommitFacts.PersonTrailer>> trailers = new HashMap<>();
        List<CommitFacts> out = new ArrayList<>();
        String sub = "(SELECT commit FROM commit_files WHERE language = ?)";
        packed("commit, path, old_path, change, added, removed", "commit_files WHERE language = ?", "rowid",
                new Object[] {language}, f -> files.computeIfAbsent(f[0], k -> new ArrayList<>()).add(
                        new CommitFacts.FileFact(f[1], f[2], f[3], language, Integer.parseInt(f[4]),
                                Integer.parseInt(f[5]))));
        Object[] params = {language};
        String which = "commit_trailers WHERE commit IN " + sub;
        if (trailerKeys != null) {
            which = "commit_trailers WHERE key IN (SELECT unnest(?::VARCHAR[])) AND commit IN " + sub;
            try {
                params = new Object[] {store.connection().createArrayOf("VARCHAR", trailerKeys.toArray()), language};
            } catch (SQLException e) {
                throw new OxmeterException("reading commit facts from " + store.file() + " failed: "
                        + Store.firstLine(e.getMessage()), e);
            }
        }
        packed("commit, key, name, email, value", which, "pos", params,
                f -> trailers.computeIfAbsent(f[0], k -> new ArrayList<>()).add(new CommitFacts.PersonTrailer(f[1],
                        new Identity(f[2], f[3]), f[4])));
        // one row per commit: no order within a commit's rows to keep
        packed("commit, parents, author_name, author_email, epoch_ms(author_time), epoch_ms(commit_time), subject",
                "commits WHERE parents <= 1 AND commit IN " + sub, null, new Object[] {language}, f -> out.add(
                        new CommitFacts(Oid.fromHex(f[0]), Integer.parseInt(f[1]), new Identity(f[2], f[3]),
                        Instant.ofEpochMilli(Long.parseLong(f[4])), Instant.ofEpochMilli(Long.parseLong(f[5])), f[6],
                        trailers.getOrDefault(f[0], List.of()), files.get(f[0]))));
        return out;
    }

    /** {@link PackedRows#read} of {@code from} with its {@code ?} bound to {@code params}. */
    private void packed(String columns, String from, String order, Object[] params, Consumer<String[]> row) {
        try {
            PackedRows.read(store.connection(), columns, from, "commit", order, params, row);
        } catch (SQLException e) {
            throw new OxmeterException("reading commit facts from " + store.file() + " failed: "
                    + Store.firstLine(e.getMessage()), e);
        }
    }

    @FunctionalInterface
    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    private void query(String sql, RowReader reader) {
        query(sql, null, reader);
    }

    private void query(String sql, String param, RowReader reader) {
        Connection c = store.connection();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (param != null) {
                ps.setString(1, param);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    reader.read(rs);
                }
            }
        } catch (SQLException e) {
            throw new OxmeterException("reading commit facts from " + store.file() + " failed: "
                    + Store.firstLine(e.getMessage()), e);
        }
    }
}
