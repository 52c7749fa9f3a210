package dev.oxmeter.owners;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Answers "which MAINTAINERS entries cover this file" with scripts/get_maintainer.pl's rules, for one tree.
 *
 * <p><b>Rules.</b> For each entry: if any {@code X:} pattern matches, the entry is dropped for that file.
 * Otherwise it matches when an {@code F:} pattern matches (see {@link MaintainersGlob}: {@code *} and {@code ?}
 * wildcards, {@code /}-terminated subtrees, same number of {@code /} otherwise) or an {@code N:} regex is found
 * anywhere in the path. A pattern without wildcards and without a trailing {@code /} that names a directory of
 * the tree ({@code isDirectory}) is treated as if it had the slash. {@code K:} (content) is ignored.
 * Every matching entry applies; they are ranked most specific first by get_maintainer.pl's pattern depth: the
 * number of {@code /} in the pattern, plus one when it does not end in {@code /}; -1 for a pattern starting with
 * {@code *}; 0 for an {@code N:} match. Ties keep file order (get_maintainer.pl leaves them in hash order).
 * When several patterns of one entry match, the entry ranks by the deepest (get_maintainer.pl keeps whichever
 * matched last in the entry).
 *
 * <p><b>Regexes.</b> {@code N:} values are Perl regexes that get_maintainer.pl applies with the {@code /x} flag;
 * {@link PerlRegex} rewrites them into RE2/J syntax with the same meaning ({@code {n}} quantifiers, {@code /x}
 * whitespace and comments, {@code \Z}, {@code \h} …) and RE2/J runs them in linear time, so a hostile pattern
 * cannot backtrack catastrophically. A regex that needs Perl-only machinery (look-arounds, back-references …) is
 * skipped and reported once in {@link #problems()}, never dropped silently.
 *
 * <p><b>Cost.</b> Patterns are indexed in a trie keyed by the directory components of their literal prefix,
 * then by the next two literal characters, so a lookup tests only the few patterns filed under the path's own
 * directories (about 11 per path for the kernel file); each {@code N:} regex is first screened by a literal it
 * requires ({@code tegra} for {@code [^a-z]tegra}), as an RE2/J search costs microseconds. Measured on the
 * kernel MAINTAINERS in the test data (1,153 entries, 2,317 F:), single-threaded, JIT warm: 100k paths in
 * 0.15 s on a shared 2-core container (0.3–0.45 s while it was heavily loaded); see
 * {@code OwnershipMatcherTest.manyPathsAgainstTheRealFile}. Immutable and thread-safe after construction.
 */
public final class OwnershipMatcher implements Ownership {
    private final List<MaintainersEntry> entries;
    private final List<Owner> owners;
    private final Node root = new Node();
    /** Entries that have N: regexes, with their compiled patterns. */
    private final List<EntryRegexes> regexes = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    private OwnershipMatcher(Maintainers maintainers, Predicate<String> isDirectory) {
        this.entries = maintainers.entries();
        this.owners = entries.stream().map(MaintainersEntry::toOwner).toList();
        for (int e = 0; e < entries.size(); e++) {
            MaintainersEntry entry = entries.get(e);
            for (String f : entry.files()) {
                file(new Pat(e, false, glob(f, isDirectory)));
            }
            for (String x : entry.excludes()) {
                file(new Pat(e, true, glob(x, isDirectory)));
            }
            List<Regex> compiled = new ArrayList<>();
            for (String n : entry.regexes()) {
                PerlRegex.Result perl = PerlRegex.translate(n);
                if (!perl.ok()) {
                    problems.add("N: regex '" + n + "' of entry '" + entry.title() + "' (line " + entry.line()
                            + ") skipped: " + perl.problem() + " cannot be evaluated in linear time");
                    continue;
                }
                try {
                    String re = perl.re2();
                    compiled.add(new Regex(Pattern.compile(re), requiredLiteral(re)));
                } catch (PatternSyntaxException ex) {
                    problems.add("N: regex '" + n + "' of entry '" + entry.title() + "' (line " + entry.line()
                            + ") skipped: " + ex.getMessage().lines().findFirst().orElse(""));
                }
            }
            if (!compiled.isEmpty()) {
                regexes.add(new EntryRegexes(e, List.copyOf(compiled)));
            }
        }
    }

    /**
     * A matcher for {@code maintainers} over one tree.
     *
     * @param isDirectory whether a repository-relative path (no trailing slash) is a directory of the tree being
     *                    matched; asked once per wildcard-free pattern, at construction
     */
    public static OwnershipMatcher of(Maintainers maintainers, Predicate<String> isDirectory) {
        Objects.requireNonNull(maintainers, "maintainers");
        Objects.requireNonNull(isDirectory, "isDirectory");
        return new OwnershipMatcher(maintainers, isDirectory);
    }

    /** A matcher that knows no directories: only patterns written with a trailing slash are subtrees. */
    public static OwnershipMatcher of(Maintainers maintainers) {
        return of(maintainers, p -> false);
    }

    /** The entries covering {@code path} with their depth, most specific first. */
    public List<Match> matches(String path) {
        Objects.requireNonNull(path, "path");
        List<Pat> hits = new ArrayList<>(8);
        collect(path, hits);
        // a path hits a handful of patterns: linear scans over small lists beat maps here
        List<Match> out = new ArrayList<>(hits.size() + 1);
        for (Pat p : hits) {
            if (p.exclude || excluded(hits, p.entry)) {
                continue;
            }
            merge(out, p.entry, p.depth);
        }
        for (EntryRegexes r : regexes) {
            for (Regex re : r.patterns) {
                if (path.contains(re.required) && re.pattern.matcher(path).find()) {
                    if (!excluded(hits, r.entry)) {
                        merge(out, r.entry, 0);
                    }
                    break;
                }
            }
        }
        out.sort((a, b) -> a.depth != b.depth ? Integer.compare(b.depth, a.depth)
                : Integer.compare(a.index, b.index));
        return Collections.unmodifiableList(out);
    }

    private static boolean excluded(List<Pat> hits, int entry) {
        for (Pat p : hits) {
            if (p.exclude && p.entry == entry) {
                return true;
            }
        }
        return false;
    }

    private void merge(List<Match> out, int entry, int depth) {
        for (int i = 0; i < out.size(); i++) {
            Match m = out.get(i);
            if (m.index == entry) {
                if (depth > m.depth) {
                    out.set(i, new Match(m.entry, depth, entry));
                }
                return;
            }
        }
        out.add(new Match(entries.get(entry), depth, entry));
    }

    /** The owners of {@code path} (entry titles and maintainers), most specific first. */
    public List<Owner> match(String path) {
        List<Match> m = matches(path);
        Owner[] out = new Owner[m.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = owners.get(m.get(i).index());
        }
        return List.of(out);
    }

    @Override
    public List<Owner> owners(String path) {
        return match(path);
    }

    /** The most specific owner of {@code path}, if any entry covers it. */
    public Optional<Owner> primary(String path) {
        List<Match> m = matches(path);
        return m.isEmpty() ? Optional.empty() : Optional.of(owners.get(m.get(0).index()));
    }

    /** Problems found while building (skipped regexes), each reported once. */
    @Override
    public List<String> problems() {
        return List.copyOf(problems);
    }

    private static MaintainersGlob glob(String raw, Predicate<String> isDirectory) {
        MaintainersGlob g = new MaintainersGlob(raw);
        if (!raw.endsWith("/") && !g.hasWildcard() && isDirectory.test(raw)) {
            return new MaintainersGlob(raw + "/");
        }
        return g;
    }

    /** Files a pattern under the trie node of the complete directory components of its literal prefix. */
    private void file(Pat p) {
        String lit = p.glob.literalPrefix();
        Node n = root;
        int from = 0;
        int slash;
        while ((slash = lit.indexOf('/', from)) >= 0) {
            n = n.children.computeIfAbsent(lit.substring(from, slash), k -> new Node());
            from = slash + 1;
        }
        n.add(p, lit.substring(from));
    }

    private void collect(String path, List<Pat> hits) {
        int slashes = MaintainersGlob.count(path, '/');
        Node n = root;
        int from = 0;
        while (true) {
            for (Pat p : n.always) {
                if (p.glob.matches(path, slashes)) {
                    hits.add(p);
                }
            }
            if (path.length() - from >= 2 && !n.byStart.isEmpty()) {
                List<Pat> bucket = n.byStart.get(path.substring(from, from + 2));
                if (bucket != null) {
                    for (Pat p : bucket) {
                        if (p.glob.matches(path, slashes)) {
                            hits.add(p);
                        }
                    }
                }
            }
            int slash = path.indexOf('/', from);
            if (slash < 0) {
                return;
            }
            n = n.children.get(path.substring(from, slash));
            if (n == null) {
                return;
            }
            from = slash + 1;
        }
    }

    /**
     * One entry covering a path.
     *
     * @param entry the MAINTAINERS entry
     * @param depth get_maintainer.pl's pattern depth of the best matching pattern (higher is more specific)
     * @param index the entry's position in the file (0-based), the tie-breaker
     */
    public record Match(MaintainersEntry entry, int depth, int index) {
        public Match {
            Objects.requireNonNull(entry, "entry");
        }
    }

    private record EntryRegexes(int entry, List<Regex> patterns) {
    }

    /** A compiled N: regex and a literal every match contains (possibly empty), checked first because it is cheap. */
    private record Regex(Pattern pattern, String required) {
    }

    /**
     * The longest run of plain characters that every match of {@code re} must contain, or "" when unsure. Only
     * runs outside groups and classes count, none when the pattern has a top-level alternation or flags, and a
     * character followed by a quantifier is not required.
     */
    static String requiredLiteral(String re) {
        if (re.contains("(?")) {
            return "";
        }
        String best = "";
        StringBuilder run = new StringBuilder();
        int depth = 0;
        for (int i = 0; i < re.length(); i++) {
            char c = re.charAt(i);
            boolean plain = Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '/' || c == ',';
            if (depth == 0 && plain) {
                char next = i + 1 < re.length() ? re.charAt(i + 1) : 0;
                if (next == '?' || next == '*' || next == '{') {
                    best = longer(best, run);
                    run.setLength(0);
                } else {
                    run.append(c);
                }
                continue;
            }
            best = longer(best, run);
            run.setLength(0);
            if (c == '\\') {
                i++;
            } else if (c == '{') {
                int close = re.indexOf('}', i);
                if (close > 0) {
                    i = close; // a quantifier's count is not text of the match
                }
            } else if (c == '[') {
                int j = i + 1;
                if (j < re.length() && re.charAt(j) == '^') {
                    j++;
                }
                if (j < re.length() && re.charAt(j) == ']') {
                    j++;
                }
                while (j < re.length() && re.charAt(j) != ']') {
                    j += re.charAt(j) == '\\' ? 2 : 1;
                }
                i = j;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth = Math.max(0, depth - 1);
            } else if (c == '|' && depth == 0) {
                return "";
            }
        }
        return longer(best, run);
    }

    private static String longer(String best, CharSequence run) {
        return run.length() > best.length() ? run.toString() : best;
    }

    private static final class Pat {
        final int entry;
        final boolean exclude;
        final MaintainersGlob glob;
        final int depth;

        Pat(int entry, boolean exclude, MaintainersGlob glob) {
            this.entry = entry;
            this.exclude = exclude;
            this.glob = glob;
            String p = glob.pattern();
            int d = MaintainersGlob.count(p, '/') + (p.endsWith("/") ? 0 : 1);
            this.depth = p.startsWith("*") ? -1 : d;
        }
    }

    /**
     * A directory of the trie. Its patterns are filed by the first two characters of the literal text that
     * follows the directory (so include/linux/, with 200+ patterns in the kernel file, tests only the few that
     * start like the file name); patterns with less literal text than that are tested for every path here.
     */
    private static final class Node {
        final Map<String, Node> children = new HashMap<>();
        final Map<String, List<Pat>> byStart = new HashMap<>();
        final List<Pat> always = new ArrayList<>();

        void add(Pat p, String rest) {
            if (rest.length() >= 2) {
                byStart.computeIfAbsent(rest.substring(0, 2), k -> new ArrayList<>()).add(p);
            } else {
                always.add(p);
            }
        }
    }
}
