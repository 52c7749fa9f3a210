package dev.oxmeter.fleet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oxmeter.render.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the single-repository tables into JSON lines with a leading {@code repo} column, the form in which
 * executors hand rows to Spark's JSON reader (which types the columns), so every fleet dataset has exactly the
 * columns the single-repository CSV has. NaN becomes null. Stateless; thread-safe.
 */
final class TableLines {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TableLines() {
    }

    /** The column names of a fleet dataset whose rows come from tables shaped like {@code probe}. */
    static List<String> columns(Table probe) {
        List<String> out = new ArrayList<>();
        out.add("repo");
        out.addAll(probe.columns());
        return out;
    }

    static List<String> lines(String repo, Table t) {
        List<String> out = new ArrayList<>(t.rows().size());
        for (List<Object> row : t.rows()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("repo", repo);
            for (int i = 0; i < t.columns().size(); i++) {
                Object v = i < row.size() ? row.get(i) : null;
                if (v instanceof Double d && (d.isNaN() || d.isInfinite())) {
                    v = null;
                }
                m.put(t.columns().get(i), v);
            }
            out.add(json(m));
        }
        return out;
    }

    static String json(Map<String, Object> m) {
        try {
            return JSON.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
