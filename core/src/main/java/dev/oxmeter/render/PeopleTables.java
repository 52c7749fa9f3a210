package dev.oxmeter.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.oxmeter.people.Contributions;
import dev.oxmeter.people.PeopleReport;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Renders a {@link PeopleReport}: tables for text, Markdown and CSV, nested JSON, and thank-you lists. Stateless. */
public final class PeopleTables {
    /** People, credits and employers shown per window in the text and Markdown formats. */
    public static final int TOP = 25;


    private PeopleTables() {
    }

    /** One row per window: the counts. */
    public static Table summary(String title, PeopleReport r, Map<String, Object> meta) {
        Table.Builder b = new Table.Builder(title, "window", "end date", "contributors", "new", "cumulative",
                "commits", "lines added", "lines removed");
        meta.forEach(b::meta);
        for (PeopleReport.Window w : r.windows()) {
            b.row(w.label(), date(w), w.contributors(), w.newContributors(), w.cumulative(), w.commits(), w.added(),
                    w.removed());
        }
        return b.build();
    }

    /** The window's contributors; at most {@code limit} rows (0 for all). */
    public static Table people(PeopleReport.Window w, String language, int limit) {
        Table.Builder b = new Table.Builder(language + " contributors · " + w.label(),
                "name", "email", "commits", "added", "removed", "roles", "first window", "new", "employer");
        int n = 0;
        for (PeopleReport.Person p : w.people()) {
            if (limit > 0 && n++ >= limit) {
                break;
            }
            b.row(p.name(), p.email(), p.commits(), p.added(), p.removed(), roles(p.roles()), p.firstWindow(),
                    p.isNew() ? "yes" : "", p.employer());
        }
        more(b, w.people().size(), limit, 9);
        return b.build();
    }

    /** People named in role trailers: one column per role key. */
    public static Table credits(PeopleReport.Window w, String language, Set<String> roleKeys, int limit) {
        List<String> cols = new ArrayList<>(List.of("name", "email"));
        cols.addAll(roleKeys);
        cols.add("total");
        Table.Builder b = new Table.Builder(language + " credits · " + w.label(),
                cols);
        int n = 0;
        for (PeopleReport.Credit c : w.credits()) {
            if (limit > 0 && n++ >= limit) {
                break;
            }
            List<Object> row = new ArrayList<>(List.of(c.name(), c.email()));
            for (String k : roleKeys) {
                row.add(c.roles().getOrDefault(k, 0));
            }
            row.add(c.total());
            b.row(row);
        }
        more(b, w.credits().size(), limit, cols.size());
        return b.build();
    }

    public static Table employers(PeopleReport.Window w, String language, int limit) {
        Table.Builder b = new Table.Builder(language + " employers · " + w.label(),
                "employer", "contributors", "commits");
        int n = 0;
        for (PeopleReport.Employer e : w.employers()) {
            if (limit > 0 && n++ >= limit) {
                break;
            }
            b.row(e.name(), e.contributors(), e.commits());
        }
        more(b, w.employers().size(), limit, 3);
        return b.build();
    }

    /** The summary, then per window its people, credits and employers tables (top {@link #TOP} each). */
    public static List<Table> all(String title, PeopleReport r, Set<String> roleKeys, Map<String, Object> meta) {
        return all(title, r, roleKeys, meta, TOP);
    }

    /** The summary, then per window its people, credits and employers tables, {@code top} rows each (0: all). */
    public static List<Table> all(String title, PeopleReport r, Set<String> roleKeys, Map<String, Object> meta,
                                  int top) {
        List<Table> out = new ArrayList<>();
        out.add(summary(title, r, meta));
        for (PeopleReport.Window w : r.windows()) {
            out.add(people(w, r.language(), top));
            if (!w.credits().isEmpty()) {
                out.add(credits(w, r.language(), roleKeys, top));
            }
            if (!w.employers().isEmpty()) {
                out.add(employers(w, r.language(), top));
            }
        }
        return out;
    }

    /**
     * One row per (window, person):
     * {@code window,name,email,commits,lines_added,lines_removed,roles,first_window,new,employer}.
     */
    public static Table longFormat(PeopleReport r) {
        Table.Builder b = new Table.Builder("people", "window", "name", "email", "commits", "lines_added",
                "lines_removed", "roles", "first_window", "new", "employer");
        for (PeopleReport.Window w : r.windows()) {
            for (PeopleReport.Person p : w.people()) {
                b.row(w.label(), p.name(), p.email(), p.commits(), p.added(), p.removed(), roles(p.roles()),
                        p.firstWindow(), p.isNew(), p.employer());
            }
        }
        return b.build();
    }

    /**
     * Per window, {@code label: Name, Name, ...} sorted by name ignoring case, each name once (two addresses of one
     * name that no mailmap joins are still two people elsewhere); windows separated by a blank line. A name that
     * holds a comma or a double quote is written in double quotes, inner quotes doubled (as in CSV), so the list
     * splits back into the same names; control characters are made visible ({@link Visible}).
     */
    public static String thanks(PeopleReport r) {
        StringBuilder sb = new StringBuilder();
        for (PeopleReport.Window w : r.windows()) {
            if (sb.length() > 0) {
                sb.append('\n');
            }
            java.util.TreeMap<String, String> byLower = new java.util.TreeMap<>();
            for (PeopleReport.Person p : w.people()) {
                String name = p.name().isEmpty() ? p.email() : p.name();
                byLower.putIfAbsent(name.toLowerCase(java.util.Locale.ROOT), name);
            }
            List<String> names = byLower.values().stream().sorted(Contributions::compareNames).toList();
            sb.append(Visible.text(w.label())).append(':').append(names.isEmpty() ? "" : " " + String.join(", ",
                    names.stream().map(PeopleTables::thanksName).toList())).append('\n');
        }
        return sb.toString();
    }

    private static String thanksName(String name) {
        String n = Visible.text(name);
        return n.indexOf(',') >= 0 || n.indexOf('"') >= 0 ? '"' + n.replace("\"", "\"\"") + '"' : n;
    }

    /** The whole report as JSON: the header, then windows with their summary, people, credits and employers. */
    public static String json(PeopleReport r, Header header) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("header", header.toMap());
        root.put("language", r.language());
        List<Object> windows = new ArrayList<>();
        for (PeopleReport.Window w : r.windows()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("window", w.label());
            m.put("start", w.start());
            m.put("end", w.end());
            m.put("end_date", date(w));
            m.put("contributors", w.contributors());
            m.put("new_contributors", w.newContributors());
            m.put("cumulative_contributors", w.cumulative());
            m.put("commits", w.commits());
            m.put("lines_added", w.added());
            m.put("lines_removed", w.removed());
            m.put("people", w.people().stream().map(p -> {
                Map<String, Object> pm = new LinkedHashMap<>();
                pm.put("name", p.name());
                pm.put("email", p.email());
                pm.put("commits", p.commits());
                pm.put("lines_added", p.added());
                pm.put("lines_removed", p.removed());
                pm.put("roles", new java.util.TreeMap<>(p.roles()));
                pm.put("first_window", p.firstWindow());
                pm.put("new", p.isNew());
                pm.put("employer", p.employer());
                return pm;
            }).toList());
            m.put("credits", w.credits().stream().map(c -> {
                Map<String, Object> cm = new LinkedHashMap<>();
                cm.put("name", c.name());
                cm.put("email", c.email());
                cm.put("roles", new java.util.TreeMap<>(c.roles()));
                cm.put("total", c.total());
                return cm;
            }).toList());
            m.put("employers", w.employers().stream().map(e -> {
                Map<String, Object> em = new LinkedHashMap<>();
                em.put("employer", e.name());
                em.put("contributors", e.contributors());
                em.put("commits", e.commits());
                return em;
            }).toList());
            windows.add(m);
        }
        root.put("windows", windows);
        try {
            return TableWriter.jsonMapper().writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code Reviewed-by:3 Acked-by:1}, keys in alphabetical order; empty when none. */
    public static String roles(Map<String, Integer> roles) {
        return new java.util.TreeMap<>(roles).entrySet().stream().map(e -> e.getKey() + ":" + e.getValue())
                .collect(Collectors.joining(" "));
    }

    private static String date(PeopleReport.Window w) {
        return w.endDate() == null ? null : w.endDate().atZone(ZoneOffset.UTC).toLocalDate().toString();
    }

    /** Adds a {@code … N more} row when rows were left out. */
    private static void more(Table.Builder b, int size, int limit, int columns) {
        if (limit > 0 && size > limit) {
            Object[] cells = new Object[columns];
            cells[0] = "\u2026 " + (size - limit) + " more";
            b.row(cells);
        }
    }
}
