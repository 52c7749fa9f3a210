package dev.oxmeter.owners;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Which CODEOWNERS rules can possibly match a path, found without testing every rule: a filter in front of the
 * regexes of {@link CodeOwners}. It never leaves out a rule that matches; it may name rules that do not.
 *
 * <p>An anchored pattern matches only paths that start with its literal prefix (the text before its first
 * {@code *} or {@code ?}), so such rules are filed by that prefix and found by looking up every prefix of the path
 * whose length some rule has. An unanchored pattern without {@code **} matches one whole path component, so it is
 * filed by its literal name, else by its literal end after the last wildcard ({@code *.js}), else by its literal
 * start ({@code test_*}), and found by looking up each component (its ends and starts of the filed lengths). What
 * fits none of these ({@code *}, {@code a**b}) is a candidate for every path.
 *
 * <p>Cost: building is linear in the rules; a lookup is a few hash probes per path character and component, plus
 * the candidates found. Immutable and thread-safe.
 */
final class RuleIndex {
    private final Map<String, int[]> byPrefix;
    private final int[] prefixLengths;
    private final Map<String, int[]> byName;
    private final Map<String, int[]> byEnd;
    private final int[] endLengths;
    private final Map<String, int[]> byStart;
    private final int[] startLengths;
    private final int[] always;

    RuleIndex(List<CodeOwnersRule> rules) {
        Map<String, List<Integer>> prefix = new HashMap<>();
        Map<String, List<Integer>> name = new HashMap<>();
        Map<String, List<Integer>> end = new HashMap<>();
        Map<String, List<Integer>> start = new HashMap<>();
        List<Integer> rest = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            String p = rules.get(i).pattern();
            if (p.endsWith("/") && p.length() > 1) {
                p = p.substring(0, p.length() - 1);
            }
            boolean anchored = p.startsWith("/") || p.indexOf('/') >= 0;
            if (p.startsWith("/")) {
                p = p.substring(1);
            }
            int firstWild = firstWildcard(p);
            if (anchored) {
                prefix.computeIfAbsent(firstWild < 0 ? p : p.substring(0, firstWild), k -> new ArrayList<>()).add(i);
            } else if (p.contains("**")) {
                rest.add(i); // ** crosses slashes: the match need not be one component
            } else if (firstWild < 0) {
                name.computeIfAbsent(p, k -> new ArrayList<>()).add(i);
            } else {
                int lastWild = Math.max(p.lastIndexOf('*'), p.lastIndexOf('?'));
                if (lastWild < p.length() - 1) {
                    end.computeIfAbsent(p.substring(lastWild + 1), k -> new ArrayList<>()).add(i);
                } else if (firstWild > 0) {
                    start.computeIfAbsent(p.substring(0, firstWild), k -> new ArrayList<>()).add(i);
                } else {
                    rest.add(i);
                }
            }
        }
        byPrefix = freeze(prefix);
        prefixLengths = lengths(prefix);
        byName = freeze(name);
        byEnd = freeze(end);
        endLengths = lengths(end);
        byStart = freeze(start);
        startLengths = lengths(start);
        always = rest.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int firstWildcard(String p) {
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '*' || c == '?') {
                return i;
            }
        }
        return -1;
    }

    private static Map<String, int[]> freeze(Map<String, List<Integer>> m) {
        Map<String, int[]> out = new HashMap<>(m.size() * 2);
        m.forEach((k, v) -> out.put(k, v.stream().mapToInt(Integer::intValue).toArray()));
        return out;
    }

    private static int[] lengths(Map<String, List<Integer>> m) {
        TreeSet<Integer> ls = new TreeSet<>();
        m.keySet().forEach(k -> ls.add(k.length()));
        return ls.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The indexes of the rules that may match {@code path} (normalized, no leading slash), ascending, distinct. */
    int[] candidates(String path) {
        Collector c = new Collector();
        c.add(always);
        for (int len : prefixLengths) {
            if (len > path.length()) {
                break;
            }
            c.add(byPrefix.get(path.substring(0, len)));
        }
        if (!byName.isEmpty() || !byEnd.isEmpty() || !byStart.isEmpty()) {
            int from = 0;
            while (from <= path.length()) {
                int slash = path.indexOf('/', from);
                int to = slash < 0 ? path.length() : slash;
                component(path.substring(from, to), c);
                if (slash < 0) {
                    break;
                }
                from = slash + 1;
            }
        }
        return c.result();
    }

    private void component(String comp, Collector c) {
        if (!byName.isEmpty()) {
            c.add(byName.get(comp));
        }
        for (int len : endLengths) {
            if (len > comp.length()) {
                break;
            }
            c.add(byEnd.get(comp.substring(comp.length() - len)));
        }
        for (int len : startLengths) {
            if (len > comp.length()) {
                break;
            }
            c.add(byStart.get(comp.substring(0, len)));
        }
    }

    /** Gathers candidate lists into one sorted, distinct array. */
    private static final class Collector {
        private int[] buf = new int[16];
        private int n;

        void add(int[] ids) {
            if (ids == null || ids.length == 0) {
                return;
            }
            if (n + ids.length > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, n + ids.length));
            }
            System.arraycopy(ids, 0, buf, n, ids.length);
            n += ids.length;
        }

        int[] result() {
            Arrays.sort(buf, 0, n);
            int m = 0;
            for (int i = 0; i < n; i++) {
                if (m == 0 || buf[m - 1] != buf[i]) {
                    buf[m++] = buf[i];
                }
            }
            return Arrays.copyOf(buf, m);
        }
    }
}
