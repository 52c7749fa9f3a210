package dev.oxmeter.render;

import dev.oxmeter.aggregate.FileRow;
import dev.oxmeter.count.LineCounts;
import dev.oxmeter.facts.BlobFacts;
import dev.oxmeter.model.Composition;
import dev.oxmeter.model.Rows;
import dev.oxmeter.model.Totals;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Builds the tables of {@code oxmeter scan}. Stateless. */
public final class ScanTables {
    private ScanTables() {
    }

    /** Languages by code (descending), then the non-language rows, then a total that reconciles with the tree. */
    public static Table byLanguage(String title, Composition c, Map<String, Object> meta) {
        Table.Builder b = new Table.Builder(title, "language", "files", "lines", "code", "comment", "blank", "bytes");
        meta.forEach(b::meta);
        List<Map.Entry<String, Totals>> rows = sorted(c);
        for (Map.Entry<String, Totals> e : rows) {
            Totals t = e.getValue();
            b.row(e.getKey(), t.files(), t.lines(), t.code(), t.comment(), t.blank(), t.bytes());
        }
        Totals t = c.total();
        b.total("Total", t.files(), t.lines(), t.code(), t.comment(), t.blank(), t.bytes());
        return b.build();
    }

    /** Rows ordered for display: languages by code then name, then special rows in a fixed order. */
    public static List<Map.Entry<String, Totals>> sorted(Composition c) {
        List<Map.Entry<String, Totals>> langs = new ArrayList<>();
        List<Map.Entry<String, Totals>> special = new ArrayList<>();
        for (Map.Entry<String, Totals> e : c.rows().entrySet()) {
            (Rows.isLanguage(e.getKey()) ? langs : special).add(e);
        }
        langs.sort(Comparator.<Map.Entry<String, Totals>>comparingLong(e -> -e.getValue().code())
                .thenComparingLong(e -> -e.getValue().lines())
                .thenComparing(Map.Entry::getKey));
        List<String> order = List.of(Rows.EXCLUDED, Rows.BINARY, Rows.TOO_LARGE, Rows.MISSING, Rows.SYMLINKS,
                Rows.SUBMODULES);
        special.sort(Comparator.comparingInt(e -> order.indexOf(e.getKey())));
        langs.addAll(special);
        return langs;
    }

    /** One row per file, in path order. */
    public static Table byFile(String title, List<FileRow> files, Map<String, Object> meta) {
        Table.Builder b = new Table.Builder(title, "path", "language", "lines", "code", "comment", "blank", "bytes",
                "excluded");
        meta.forEach(b::meta);
        Totals sum = Totals.ZERO;
        for (FileRow f : files) {
            BlobFacts facts = f.facts();
            LineCounts lc = facts == null ? LineCounts.ZERO : facts.counts();
            long bytes = facts == null ? 0 : facts.bytes();
            String language = facts == null ? f.row() : facts.language();
            String excluded = switch (f.exclusion()) {
                case NONE -> f.row().equals(language) ? "" : f.row();
                default -> f.exclusion().name().toLowerCase(java.util.Locale.ROOT);
            };
            b.row(f.path(), language, lc.lines(), lc.code(), lc.comment(), lc.blank(), bytes, excluded);
            sum = sum.plus(new Totals(1, lc.lines(), lc.code(), lc.comment(), lc.blank(), bytes));
        }
        b.total("Total (" + sum.files() + " files)", "", sum.lines(), sum.code(), sum.comment(), sum.blank(),
                sum.bytes(), "");
        return b.build();
    }

    /**
     * One row per (directory, row) where directory is the first {@code depth} components of the file's directory
     * ("." for files at the top); directories sorted by name, rows within by code.
     */
    public static Table byDirectory(String title, List<FileRow> files, int depth, Map<String, Object> meta) {
        Map<String, Composition.Builder> dirs = new TreeMap<>();
        for (FileRow f : files) {
            String dir = directoryOf(f.path(), depth);
            Totals t = f.facts() == null ? new Totals(1, 0, 0, 0, 0, 0)
                    : Totals.ofFile(f.facts().counts(), f.facts().bytes());
            dirs.computeIfAbsent(dir, d -> new Composition.Builder()).add(f.row(), t);
        }
        Table.Builder b = new Table.Builder(title, "directory", "language", "files", "lines", "code", "comment",
                "blank", "bytes");
        meta.forEach(b::meta);
        Totals sum = Totals.ZERO;
        for (Map.Entry<String, Composition.Builder> d : dirs.entrySet()) {
            Composition c = d.getValue().build();
            for (Map.Entry<String, Totals> e : sorted(c)) {
                Totals t = e.getValue();
                b.row(d.getKey(), e.getKey(), t.files(), t.lines(), t.code(), t.comment(), t.blank(), t.bytes());
            }
            sum = sum.plus(c.total());
        }
        b.total("Total", "", sum.files(), sum.lines(), sum.code(), sum.comment(), sum.blank(), sum.bytes());
        return b.build();
    }

    static String directoryOf(String path, int depth) {
        int slash = path.lastIndexOf('/');
        if (slash < 0) {
            return ".";
        }
        String dir = path.substring(0, slash);
        int idx = -1;
        for (int i = 0; i < depth; i++) {
            idx = dir.indexOf('/', idx + 1);
            if (idx < 0) {
                return dir;
            }
        }
        return dir.substring(0, idx);
    }
}
