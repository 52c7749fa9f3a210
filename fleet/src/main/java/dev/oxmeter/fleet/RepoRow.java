package dev.oxmeter.fleet;

import dev.oxmeter.language.LanguageCatalog;
import dev.oxmeter.model.Composition;
import dev.oxmeter.model.Revision;
import dev.oxmeter.people.PeopleReport;
import dev.oxmeter.render.HistoryTables;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * One row of the {@code repos} dataset: a repository's status and the headline of its Rust adoption. Immutable.
 *
 * @param ok                 whether every part of the repository was measured
 * @param message            why not, else empty
 * @param revisions          revisions measured
 * @param firstRustRevision  the first revision with a Rust file, or null
 * @param rustShare          Rust share (percent of programming code) at the last revision; NaN when none
 * @param rustShareChange    change of the Rust share from the first to the last revision, in percentage points
 * @param rustContributors   people who contributed to Rust up to the last revision (people's cumulative count)
 */
public record RepoRow(String repo, String location, boolean ok, String message, int revisions,
                      String firstRevision, String lastRevision, String lastDate, String firstRustRevision,
                      String firstRustDate, long rustCode, long programmingCode, double rustShare,
                      double rustShareChange, long rustContributors) {
    static final String KIND = "_repo";
    static final StructType SCHEMA = new StructType()
            .add("repo", DataTypes.StringType, false).add("location", DataTypes.StringType, false)
            .add("status", DataTypes.StringType, false).add("message", DataTypes.StringType, true)
            .add("revisions", DataTypes.IntegerType, false).add("first_revision", DataTypes.StringType, true)
            .add("last_revision", DataTypes.StringType, true).add("last_date", DataTypes.StringType, true)
            .add("first_rust_revision", DataTypes.StringType, true).add("first_rust_date", DataTypes.StringType, true)
            .add("rust_code", DataTypes.LongType, false).add("programming_code", DataTypes.LongType, false)
            .add("rust_share", DataTypes.DoubleType, true).add("rust_share_change", DataTypes.DoubleType, true)
            .add("rust_contributors", DataTypes.LongType, false);
    private static final ObjectMapper JSON = new ObjectMapper();

    static RepoRow of(RepoPlan plan, String error, Measured m) {
        String message = error != null ? error : m != null && m.error() != null ? m.error() : null;
        Measured x = m == null ? Measured.failed(plan.spec().name(), null) : m;
        return new RepoRow(plan.spec().name(), plan.spec().location(), message == null, message == null ? "" : message,
                plan.revisions().size(), x.firstRevision(), x.lastRevision(), x.lastDate(), x.firstRustRevision(),
                x.firstRustDate(), x.rustCode(), x.programmingCode(), x.rustShare(), x.rustShareChange(),
                x.rustContributors());
    }

    Row row() {
        return RowFactory.create(repo, location, ok ? "ok" : "error", message, revisions, firstRevision, lastRevision,
                lastDate, firstRustRevision, firstRustDate, rustCode, programmingCode, nullIfNaN(rustShare),
                nullIfNaN(rustShareChange), rustContributors);
    }

    private static Double nullIfNaN(double d) {
        return Double.isNaN(d) ? null : d;
    }

    /**
     * What the executors measured of one repository, in pieces (composition side, people side) merged on the
     * driver. Fields a piece does not know are null or 0.
     */
    record Measured(String repo, String error, String firstRevision, String lastRevision, String lastDate,
                    String firstRustRevision, String firstRustDate, long rustCode, long programmingCode,
                    double rustShare, double rustShareChange, long rustContributors) {

        static Measured failed(String repo, String error) {
            return new Measured(repo, error, null, null, null, null, null, 0, 0, Double.NaN, Double.NaN, 0);
        }

        static Measured of(String repo, Map<Revision, Composition> history, LanguageCatalog catalog) {
            Revision first = null;
            Revision last = null;
            Revision firstRust = null;
            for (Map.Entry<Revision, Composition> e : history.entrySet()) {
                first = first == null ? e.getKey() : first;
                last = e.getKey();
                if (firstRust == null && e.getValue().row("Rust").files() > 0) {
                    firstRust = e.getKey();
                }
            }
            if (last == null) {
                return failed(repo, null);
            }
            Composition c = history.get(last);
            double share = HistoryTables.rustShare(c, catalog);
            double start = HistoryTables.rustShare(history.get(first), catalog);
            double change = Double.isNaN(share) ? Double.NaN : share - (Double.isNaN(start) ? 0 : start);
            return new Measured(repo, null, first.label(), last.label(), date(last),
                    firstRust == null ? null : firstRust.label(), firstRust == null ? null : date(firstRust),
                    c.row("Rust").code(), HistoryTables.programmingCode(c, catalog), share, change, 0);
        }

        static Measured ofPeople(String repo, PeopleReport report) {
            long cumulative = report.windows().isEmpty() ? 0 : report.windows().get(report.windows().size() - 1)
                    .cumulative();
            return new Measured(repo, null, null, null, null, null, null, 0, 0, Double.NaN, Double.NaN, cumulative);
        }

        Measured plus(Measured o) {
            return new Measured(repo, error != null ? error : o.error, or(firstRevision, o.firstRevision),
                    or(lastRevision, o.lastRevision), or(lastDate, o.lastDate),
                    or(firstRustRevision, o.firstRustRevision), or(firstRustDate, o.firstRustDate),
                    rustCode + o.rustCode, programmingCode + o.programmingCode,
                    Double.isNaN(rustShare) ? o.rustShare : rustShare,
                    Double.isNaN(rustShareChange) ? o.rustShareChange : rustShareChange,
                    rustContributors + o.rustContributors);
        }

        private static String or(String a, String b) {
            return a != null ? a : b;
        }

        private static String date(Revision r) {
            return r.date() == null ? null : r.date().toString().substring(0, 10);
        }

        String json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("repo", repo);
            m.put("error", error);
            m.put("firstRevision", firstRevision);
            m.put("lastRevision", lastRevision);
            m.put("lastDate", lastDate);
            m.put("firstRustRevision", firstRustRevision);
            m.put("firstRustDate", firstRustDate);
            m.put("rustCode", rustCode);
            m.put("programmingCode", programmingCode);
            m.put("rustShare", Double.isNaN(rustShare) ? null : rustShare);
            m.put("rustShareChange", Double.isNaN(rustShareChange) ? null : rustShareChange);
            m.put("rustContributors", rustContributors);
            return TableLines.json(m);
        }

        static Measured parse(String json) {
            try {
                Map<?, ?> m = JSON.readValue(json, Map.class);
                return new Measured((String) m.get("repo"), (String) m.get("error"), (String) m.get("firstRevision"),
                        (String) m.get("lastRevision"), (String) m.get("lastDate"),
                        (String) m.get("firstRustRevision"), (String) m.get("firstRustDate"),
                        num(m.get("rustCode")), num(m.get("programmingCode")), dbl(m.get("rustShare")),
                        dbl(m.get("rustShareChange")), num(m.get("rustContributors")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static long num(Object o) {
            return o == null ? 0 : ((Number) o).longValue();
        }

        private static double dbl(Object o) {
            return o == null ? Double.NaN : ((Number) o).doubleValue();
        }
    }
}
