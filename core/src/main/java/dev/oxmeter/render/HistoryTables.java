package dev.oxmeter.render;

import dev.oxmeter.language.Category;
import dev.oxmeter.language.Language;
import dev.oxmeter.language.LanguageCatalog;
import dev.oxmeter.model.Composition;
import dev.oxmeter.model.Revision;
import dev.oxmeter.model.Rows;
import dev.oxmeter.model.Totals;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Builds the tables of {@code oxmeter history}. Stateless. */
public final class HistoryTables {
    /** How many languages the pivot shows as columns (Rust is always among them when present). */
    static final int PIVOT_LANGUAGES = 6;

    private HistoryTables() {
    }

    /**
     * The share of Rust in programming-language code, in percent: Rust code lines divided by the code lines of
     * every language of category programming (excluded, binary and non-programming rows do not count). NaN when
     * there is no programming code.
     */
    public static double rustShare(Composition c, LanguageCatalog catalog) {
        return rustShare(c, programmingCode(c, catalog));
    }

    private static double rustShare(Composition c, long programming) {
        return programming == 0 ? Double.NaN : 100.0 * c.row("Rust").code() / programming;
    }

    public static long programmingCode(Composition c, LanguageCatalog catalog) {
        long sum = 0;
        for (Map.Entry<String, Totals> e : c.rows().entrySet()) {
            if (isProgramming(e.getKey(), catalog)) {
                sum += e.getValue().code();
            }
        }
        return sum;
    }

    public static boolean isProgramming(String row, LanguageCatalog catalog) {
        return Rows.isLanguage(row)
                && catalog.byName(row).map(Language::category).orElse(Category.OTHER) == Category.PROGRAMMING;
    }

    /**
     * One row per (revision, row of its composition), each carrying its revision's programming code and Rust share
     * (the same on every row of a revision) so that a CSV or JSON consumer needs no second file.
     */
    public static Table longFormat(String title, Map<Revision, Composition> history, LanguageCatalog catalog,
                                   Map<String, Object> meta) {
        Table.Builder b = new Table.Builder(title, "revision", "commit", "date", "language", "files", "lines", "code",
                "comment", "blank", "bytes", "category", "programming_code", "rust_share");
        meta.forEach(b::meta);
        history.forEach((r, c) -> {
            long programming = programmingCode(c, catalog);
            double share = rustShare(c, catalog);
            for (Map.Entry<String, Totals> e : ScanTables.sorted(c)) {
                Totals t = e.getValue();
                String cat = Rows.isLanguage(e.getKey())
                        ? catalog.byName(e.getKey()).map(l -> l.category().name().toLowerCase(Locale.ROOT)).orElse("other")
                        : "none";
                b.row(r.label(), r.commit() == null ? "" : r.commit().hex(), date(r), e.getKey(), t.files(),
                        t.lines(), t.code(), t.comment(), t.blank(), t.bytes(), cat, programming, share);
            }
        });
        return b.build();
    }

    /** Revisions × main languages (code lines), with total programming code and the Rust share. */
    public static Table pivot(String title, Map<Revision, Composition> history, LanguageCatalog catalog,
                              Map<String, Object> meta) {
        List<String> languages = mainLanguages(history, catalog);
        List<String> cols = new ArrayList<>(List.of("revision", "date"));
        cols.addAll(languages);
        cols.addAll(List.of("programming code", "Rust %"));
        Table.Builder b = new Table.Builder(title + " · code lines", cols);
        meta.forEach(b::meta);
        history.forEach((r, c) -> {
            List<Object> row = new ArrayList<>(List.of(r.label(), date(r)));
            for (String l : languages) {
                row.add(c.row(l).code());
            }
            long programming = programmingCode(c, catalog);
            row.add(programming);
            row.add(rustShare(c, programming));
            b.row(row);
        });
        return b.build();
    }

    /** The programming languages with most code at the last revision; Rust always included when present. */
    static List<String> mainLanguages(Map<Revision, Composition> history, LanguageCatalog catalog) {
        if (history.isEmpty()) {
            return List.of();
        }
        Composition last = null;
        for (Composition c : history.values()) {
            last = c;
        }
        List<String> langs = new ArrayList<>();
        for (Map.Entry<String, Totals> e : ScanTables.sorted(last)) {
            if (isProgramming(e.getKey(), catalog) && langs.size() < PIVOT_LANGUAGES) {
                langs.add(e.getKey());
            }
        }
        boolean anyRust = history.values().stream().anyMatch(c -> c.row("Rust").files() > 0);
        if (anyRust && !langs.contains("Rust")) {
            if (langs.size() == PIVOT_LANGUAGES) {
                langs.remove(langs.size() - 1);
            }
            langs.add("Rust");
        }
        langs.sort(Comparator.comparingLong((String l) -> -last(history).row(l).code()));
        return langs;
    }

    private static Composition last(Map<Revision, Composition> history) {
        Composition last = Composition.EMPTY;
        for (Composition c : history.values()) {
            last = c;
        }
        return last;
    }

    static String date(Revision r) {
        // LocalDate prints itself without a DateTimeFormatter, which matters over 10,000s of rows
        return r.date() == null ? "" : java.time.LocalDate.ofInstant(r.date(), java.time.ZoneOffset.UTC).toString();
    }
}
