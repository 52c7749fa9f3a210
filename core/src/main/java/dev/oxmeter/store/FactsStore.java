package dev.oxmeter.store;

import dev.oxmeter.OxmeterException;
import dev.oxmeter.count.LineCounts;
import dev.oxmeter.facts.BlobAnalysis;
import dev.oxmeter.facts.BlobFacts;
import dev.oxmeter.facts.BlobKind;
import dev.oxmeter.facts.FactsComputer;
import dev.oxmeter.facts.FactsKey;
import dev.oxmeter.model.Metric;
import dev.oxmeter.facts.Metrics;
import dev.oxmeter.model.Oid;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Collection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Loads and saves the blob-facts cache. Facts of one (blob, detection) are complete only when the line facts of the
 * current version and the metrics of every applicable analysis at its current version are present; anything else
 * is recomputed. A stored metric name is read only when its analysis declares it ({@link BlobAnalysis#metrics()});
 * any other name stops the read with an error rather than being taken as 0. Not thread-safe (one store, one
 * thread).
 */
public final class FactsStore {
    private final Store store;
    private final FactsComputer computer;
    private final String linesVersion;
    /** Per analysis, its declared metrics by name: what a stored metric row may be called. */
    private final Map<String, Map<String, Metric>> declared = new HashMap<>();

    public FactsStore(Store store, FactsComputer computer) {
        this.store = store;
        this.computer = computer;
        this.linesVersion = computer.linesVersion();
        for (BlobAnalysis a : computer.analyses()) {
            Map<String, Metric> names = new LinkedHashMap<>();
            a.metrics().forEach(m -> names.put(m.name(), m));
            declared.put(a.name(), names);
        }
    }

    /**
     * The complete cached facts among {@code keys} that hold under the size limit {@code maxBlobBytes} (others
     * are absent): a blob measured whole and, under a smaller limit, as too large has a row for each, and the one
     * that holds is served. Cost: one query reads the rows of the keys' blobs, so a run touching a small part of a
     * large store reads only that part.
     */
    public Map<FactsKey, BlobFacts> find(Collection<FactsKey> keys, long maxBlobBytes) {
        Map<FactsKey, BlobFacts> out = new HashMap<>();
        if (keys.isEmpty()) {
            return out;
        }
        Map<FactsKey, String[]> lines = new HashMap<>();
        Map<FactsKey, long[]> counts = new HashMap<>();
        Map<FactsKey, Map<String, TreeMap<String, Long>>> metrics = new HashMap<>();
        Set<FactsKey> wanted = keys instanceof Set<FactsKey> set ? set : new HashSet<>(keys);
        try {
            Connection c = store.connection();
            Object[] blobs = wanted.stream().map(k -> k.blob().hex()).distinct().toArray();
            StringBuilder current = new StringBuilder();
            for (BlobAnalysis a : computer.analyses()) {
                current.append(" OR (m.analysis = '").append(a.name()).append("' AND m.version = ").append(a.version())
                        .append(')');
            }
            PackedRows.Names names = new PackedRows.Names();
            // One query, the blobs' line facts each joined with their current metrics (a row without any when
            // there are none): a join on two columns per table, as two queries, took twice as long. Read in place
            // (PackedRows): a cell at a time through JDBC took a tenth of a second for 3,000 blobs.
            PackedRows.readRaw(c, "f.blob, f.detection, f.language, f.kind, #f.bytes, #f.code, #f.comment, "
                            + "#f.blank, m.analysis, m.metric, #m.value",
                    "blob_facts f LEFT JOIN blob_metrics m ON m.blob = f.blob AND m.detection = f.detection AND (FALSE"
                            + current + ") WHERE f.blob IN (SELECT unnest(?::VARCHAR[])) AND f.lines_version = ?",
                    "f.blob", null, new Object[] {c.createArrayOf("VARCHAR", blobs), linesVersion}, r -> {
                        String language = names.of(r, 2);
                        String kind = names.of(r, 3);
                        long bytes = r.longValue(4);
                        BlobFacts shape = new BlobFacts(language, BlobKind.valueOf(kind), bytes, LineCounts.ZERO,
                                Map.of());
                        if (!shape.holdsUnder(maxBlobBytes)) {
                            return;
                        }
                        FactsKey k = new FactsKey(r.oid(0), names.of(r, 1));
                        if (!wanted.contains(k)) {
                            return; // the blob under another detection class
                        }
                        lines.put(k, new String[] {language, kind});
                        counts.put(k, new long[] {bytes, r.longValue(5), r.longValue(6), r.longValue(7)});
                        if (r.isNull(8)) {
                            return;
                        }
                        String analysis = names.of(r, 8);
                        TreeMap<String, Long> m = metrics.computeIfAbsent(k, x -> new HashMap<>())
                                .computeIfAbsent(analysis, x -> new TreeMap<>());
                        String metric = names.of(r, 9);
                        if (!metric.isEmpty()) {
                            m.put(declared(analysis, metric), r.longValue(10));
                        }
                    });
        } catch (SQLException e) {
            throw new OxmeterException("reading the facts cache of " + store.file() + " failed: "
                    + Store.firstLine(e.getMessage()), e);
        }
        for (Map.Entry<FactsKey, String[]> e : lines.entrySet()) {
            long[] n = counts.get(e.getKey());
            Map<String, Metrics> ms = new HashMap<>();
            metrics.getOrDefault(e.getKey(), Map.of()).forEach((a, m) -> ms.put(a, new Metrics(m)));
            BlobFacts f = new BlobFacts(e.getValue()[0], BlobKind.valueOf(e.getValue()[1]), n[0],
                    LineCounts.of(n[1], n[2], n[3]), ms);
            if (computer.isComplete(f)) {
                out.put(e.getKey(), f);
            }
        }
        return out;
    }

    /**
     * Whether the store holds any facts of the current line-counting version: when not (a new store), a run need
     * not {@link #find} the facts of the blobs it meets. Cost: one query that stops at the first row.
     */
    public boolean holdsFacts() {
        try (PreparedStatement ps = store.connection().prepareStatement(
                "SELECT 1 FROM blob_facts WHERE lines_version = ? LIMIT 1")) {
            ps.setString(1, linesVersion);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new OxmeterException("reading the facts cache of " + store.file() + " failed: "
                    + Store.firstLine(e.getMessage()), e);
        }
    }

    /**
     * {@code metric} when analysis {@code analysis} (at the version just read) declares it. A stored name it does
     * not declare cannot be read as anything, not even 0: the store was written by a build whose analysis had
     * other metrics under the same version.
     */
    private String declared(String analysis, String metric) {
        Map<String, Metric> names = declared.get(analysis);
        if (names == null) {
            throw new IllegalStateException("metrics of an analysis that was not asked for: " + analysis);
        }
        Metric m = names.get(metric);
        if (m == null) {
            throw new OxmeterException("the facts cache of " + store.file() + " holds metric '"
                    + Metric.key(analysis, metric) + "', which " + analysis + " at this version does not declare (it "
                    + "declares " + String.join(", ", names.keySet()) + "): another build wrote it; use another "
                    + "--store");
        }
        return m.name();
    }

    /** Saves newly computed facts in one transaction. */
    public void save(Map<FactsKey, BlobFacts> added) {
        if (added.isEmpty()) {
            return;
        }
        store.transaction(c -> {
            DuckDBConnection dc = c.unwrap(DuckDBConnection.class);
            try (DuckDBAppender facts = dc.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "blob_facts");
                 DuckDBAppender mets = dc.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "blob_metrics")) {
                for (Map.Entry<FactsKey, BlobFacts> e : added.entrySet()) {
                    String blob = e.getKey().blob().hex();
                    String det = e.getKey().detection();
                    BlobFacts f = e.getValue();
                    facts.beginRow();
                    facts.append(blob);
                    facts.append(det);
                    facts.append(linesVersion);
                    facts.append(f.language());
                    facts.append(f.kind().name());
                    facts.append(f.bytes());
                    facts.append(f.counts().lines());
                    facts.append(f.counts().code());
                    facts.append(f.counts().comment());
                    facts.append(f.counts().blank());
                    facts.endRow();
                    for (BlobAnalysis a : computer.analyses()) {
                        Metrics m = f.metrics().get(a.name());
                        if (m == null) {
                            continue;
                        }
                        boolean any = false;
                        for (Map.Entry<String, Long> v : m.values().entrySet()) {
                            if (v.getValue() != 0) {
                                appendMetric(mets, blob, det, a, v.getKey(), v.getValue());
                                any = true;
                            }
                        }
                        if (!any) {
                            // zero metrics are not stored (Metrics.get reads absent as 0); this row says "analysed"
                            appendMetric(mets, blob, det, a, "", 0);
                        }
                    }
                }
            }
            CrashPoints.reached("facts-before-commit");
        });
        CrashPoints.reached("facts-after-commit");
    }

    private static void appendMetric(DuckDBAppender app, String blob, String det, BlobAnalysis a, String metric,
                                     long value) throws SQLException {
        app.beginRow();
        app.append(blob);
        app.append(det);
        app.append(a.name());
        app.append(a.version());
        app.append(metric);
        app.append(value);
        app.endRow();
    }
}
