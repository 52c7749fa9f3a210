package dev.oxmeter.render;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Renders {@link Table}s as an aligned text table, JSON, CSV (RFC 4180, header row) or GitHub Markdown.
 *
 * <p>Stateless and thread-safe. Returns strings so callers print a result whole or not at all.
 */
public final class TableWriter {
    /** Built on first JSON output only: setting up an ObjectMapper costs a tenth of a warm text-table run. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .configure(JsonGenerator.Feature.ESCAPE_NON_ASCII, false);
    }

    private TableWriter() {
    }

    /** The one JSON writer of the renderers (indented, non-ASCII kept as is), built on first use. */
    static ObjectMapper jsonMapper() {
        return Json.MAPPER;
    }

    public static String render(Table t, Format f) {
        return render(t, f, null);
    }

    /**
     * One table; in JSON an object with the {@code header} (when not null) and the table's title, metadata, rows
     * and total. The other formats do not print the header.
     */
    public static String render(Table t, Format f, Header header) {
        return switch (f) {
            case TABLE -> text(t);
            case JSON -> json(List.of(t), header);
            case CSV -> csv(t);
            case MD -> markdown(t);
        };
    }

    /** Several tables: text and Markdown one after another, JSON as one array, CSV as one header per table. */
    public static String render(List<Table> tables, Format f) {
        return render(tables, f, null);
    }

    /** Several tables; JSON is one object: the {@code header} and {@code tables}, an array of table objects. */
    public static String render(List<Table> tables, Format f, Header header) {
        if (f == Format.JSON) {
            return json(tables, header);
        }
        StringBuilder sb = new StringBuilder();
        for (Table t : tables) {
            if (sb.length() > 0) {
                sb.append('\n');
            }
            sb.append(render(t, f, null));
        }
        return sb.toString();
    }

    public static String cell(Object o) {
        if (o == null) {
            return "";
        }
        if (o instanceof Double || o instanceof Float) {
            double d = ((Number) o).doubleValue();
            return Double.isNaN(d) ? "" : Fmt.fixed(d, 2);
        }
        return o.toString();
    }

    /** For data formats: doubles to six decimals without trailing zeros, the rest as {@link #cell}. */
    static String exact(Object o) {
        if (o instanceof Double || o instanceof Float) {
            double d = ((Number) o).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                return "";
            }
            return new java.math.BigDecimal(d).setScale(6, java.math.RoundingMode.HALF_EVEN).stripTrailingZeros()
                    .toPlainString();
        }
        return cell(o);
    }

    /** For human formats: thousands separators, and control characters made visible ({@link Visible}). */
    private static String display(Object o) {
        if (o instanceof Long || o instanceof Integer) {
            return Fmt.count(((Number) o).longValue());
        }
        return Visible.text(cell(o));
    }

    private static String text(Table t) {
        int n = t.columns().size();
        int[] width = new int[n];
        boolean[] numeric = new boolean[n];
        List<List<String>> cells = new ArrayList<>();
        for (List<Object> r : t.rows()) {
            List<String> shown = new ArrayList<>(r.size());
            for (Object o : r) {
                shown.add(display(o));
            }
            cells.add(shown);
        }
        List<String> total = t.total() == null ? null : t.total().stream().map(TableWriter::display).toList();
        List<String> columns = t.columns().stream().map(Visible::text).toList();
        for (int c = 0; c < n; c++) {
            width[c] = columns.get(c).length();
            numeric[c] = true;
            boolean any = false;
            for (List<Object> r : t.rows()) {
                Object o = r.get(c);
                if (o != null) {
                    any = true;
                    numeric[c] &= o instanceof Number;
                }
            }
            numeric[c] &= any;
        }
        for (List<String> r : cells) {
            for (int c = 0; c < n; c++) {
                width[c] = Math.max(width[c], r.get(c).length());
            }
        }
        if (total != null) {
            for (int c = 0; c < n; c++) {
                width[c] = Math.max(width[c], total.get(c).length());
            }
        }
        int lineWidth = 0;
        for (int w : width) {
            lineWidth += w + 2;
        }
        lineWidth = Math.max(0, lineWidth - 2);
        String rule = "─".repeat(lineWidth) + "\n";
        StringBuilder sb = new StringBuilder();
        if (t.title() != null && !t.title().isEmpty()) {
            sb.append(Visible.text(t.title())).append('\n');
        }
        sb.append(rule);
        appendRow(sb, columns, width, numeric);
        sb.append(rule);
        for (List<String> r : cells) {
            appendRow(sb, r, width, numeric);
        }
        if (total != null) {
            sb.append(rule);
            appendRow(sb, total, width, numeric);
        }
        sb.append(rule);
        return sb.toString();
    }

    /** Appends one line: cells padded to their column's width, trailing white space stripped. */
    private static void appendRow(StringBuilder sb, List<String> r, int[] width, boolean[] numeric) {
        int start = sb.length();
        for (int c = 0; c < r.size(); c++) {
            String s = r.get(c);
            int pad = Math.max(0, width[c] - s.length());
            if (numeric[c]) {
                spaces(sb, pad);
                sb.append(s);
            } else {
                sb.append(s);
                spaces(sb, pad);
            }
            if (c < r.size() - 1) {
                sb.append("  ");
            }
        }
        int end = sb.length();
        while (end > start && Character.isWhitespace(sb.charAt(end - 1))) {
            end--;
        }
        sb.setLength(end);
        sb.append('\n');
    }

    private static void spaces(StringBuilder sb, int n) {
        for (int i = 0; i < n; i++) {
            sb.append(' ');
        }
    }

    /**
     * {@code csv} (as this class writes it) with every text cell that a spreadsheet would run as a formula, one
     * starting with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return, prefixed with a single
     * quote (the OWASP advice); numbers such as {@code -3} or {@code +1.5} stay as they are. O(length).
     */
    public static String neutraliseCsv(String csv) {
        StringWriter out = new StringWriter();
        CSVFormat format = CSVFormat.RFC4180.builder().setRecordSeparator("\n").get();
        try (org.apache.commons.csv.CSVParser in = org.apache.commons.csv.CSVParser.parse(csv, format);
             CSVPrinter p = new CSVPrinter(out, format)) {
            for (org.apache.commons.csv.CSVRecord r : in) {
                if (r.size() == 1 && r.get(0).isEmpty()) {
                    out.write('\n'); // the blank line between two tables
                    continue;
                }
                List<String> cells = new ArrayList<>(r.size());
                for (String c : r) {
                    cells.add(formula(c) ? "'" + c : c);
                }
                p.printRecord(cells);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static boolean formula(String c) {
        if (c.isEmpty() || "=+-@\t\r".indexOf(c.charAt(0)) < 0) {
            return false;
        }
        return !c.matches("[+-]?[0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
    }

    private static String csv(Table t) {
        StringWriter out = new StringWriter();
        try (CSVPrinter p = new CSVPrinter(out, CSVFormat.RFC4180.builder().setRecordSeparator("\n").get())) {
            p.printRecord(t.columns());
            for (List<Object> r : t.rows()) {
                p.printRecord(r.stream().map(TableWriter::exact).toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static String markdown(Table t) {
        StringBuilder sb = new StringBuilder();
        if (t.title() != null && !t.title().isEmpty()) {
            sb.append("### ").append(md(t.title())).append("\n\n");
        }
        int n = t.columns().size();
        sb.append('|');
        for (String c : t.columns()) {
            sb.append(' ').append(md(c)).append(" |");
        }
        sb.append("\n|");
        for (int c = 0; c < n; c++) {
            boolean numeric = !t.rows().isEmpty() && t.rows().get(0).get(c) instanceof Number;
            sb.append(numeric ? " ---: |" : " --- |");
        }
        sb.append('\n');
        List<List<Object>> all = new ArrayList<>(t.rows());
        if (t.total() != null) {
            all.add(t.total());
        }
        for (int i = 0; i < all.size(); i++) {
            boolean bold = t.total() != null && i == all.size() - 1;
            sb.append('|');
            for (Object o : all.get(i)) {
                String s = md(display(o));
                sb.append(' ').append(bold && !s.isEmpty() ? "**" + s + "**" : s).append(" |");
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String md(String s) {
        return Visible.text(s).replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\n", " ");
    }

    /** Writes {@code root} as indented JSON with a final newline. */
    public static String json(Map<String, Object> root) {
        try {
            return Json.MAPPER.writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String json(List<Table> tables, Header header) {
        List<Object> docs = new ArrayList<>();
        for (Table t : tables) {
            Map<String, Object> doc = new LinkedHashMap<>();
            if (t.title() != null) {
                doc.put("title", t.title());
            }
            doc.putAll(t.meta());
            List<Map<String, Object>> rows = new ArrayList<>();
            for (List<Object> r : t.rows()) {
                rows.add(object(t.columns(), r));
            }
            doc.put("rows", rows);
            if (t.total() != null) {
                doc.put("total", object(t.columns(), t.total()));
            }
            docs.add(doc);
        }
        if (header == null) {
            try {
                return Json.MAPPER.writeValueAsString(docs.size() == 1 ? docs.get(0) : docs) + "\n";
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("header", header.toMap());
        if (docs.size() == 1) {
            @SuppressWarnings("unchecked")
            Map<String, Object> only = (Map<String, Object>) docs.get(0);
            root.putAll(only);
        } else {
            root.put("tables", docs);
        }
        return json(root);
    }

    private static Map<String, Object> object(List<String> columns, List<Object> r) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int c = 0; c < columns.size(); c++) {
            Object o = r.get(c);
            if (o instanceof Double d) {
                o = d.isNaN() || d.isInfinite() ? null : Double.valueOf(exact(d));
            }
            m.put(columns.get(c), o);
        }
        return m;
    }
}
