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
 * <p><b>Regexes.</b> {@code N:} values are compiled with RE2/J (linear time, so a hostile pattern cannot
 * backtrack catastrophically). get_maintainer.pl applies them with Perl's {@code /x} flag, so unescaped
 * whitespace outside classes is removed first. A regex RE2/J cannot compile (Perl-only syntax such as
 * look-arounds) is skipped and reported once in {@link #problems()}.
 *
 * <p><b>Cost.</b> Patterns are indexed in a trie keyed by the directory components of their literal prefix,
 * so a lookup only tests the patterns filed under the path's own directories, plus {@code N:} regexes.
 * Measured on the kernel MAINTAINERS in the test data (1,153 entries, 2,317 F:): about 0.2 µs–1 µs per path
 * single-threaded, i.e. 100k paths in roughly 0.1 s (see {@code OwnershipMatcherTest}). Immutable and
 * thread-safe after construction.
 */
public final class OwnershipMatcher implements Ownership {
    private final List<MaintainersEntry> entries;
    private final Node root = new Node();
    /** Entries that have N: regexes, with their compiled patterns. */
    private final List<EntryRegexes> regexes = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    private OwnershipMatcher(Maintainers maintainers, Predicate<String> isDirectory) {
        this.entries = maintainers.entries();
        for (int e = 0; e < entries.size(); e++) {
            MaintainersEntry entry = entries.get(e);
            for (String f : entry.files()) {
                file(new Pat(e, false, glob(f, isDirectory)));
            }
            for (String x : entry.excludes()) {
                file(new Pat(e, true, glob(x, isDirectory)));
            }
            List<Pattern> compiled = new ArrayList<>();
            for (String n : entry.regexes()) {
                try {
                    compiled.add(Pattern.compile(stripExtendedWhitespace(n)));
                } catch (PatternSyntaxException ex) {
                    problems.add("N: regex '" + n + "' of entry '" + entry.title() + "' (line " + entry.line()
                            + ") skipped: " + ex.getMessage());
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
        List<Pat> hits = new ArrayList<>();
        collect(path, hits);
        if (hits.isEmpty() && regexes.isEmpty()) {
            return List.of();
        }
        // entry index -> best depth; tiny maps, as a path hits a handful of entries
        Map<Integer, Integer> best = new HashMap<>();
        List<Integer> excluded = new ArrayList<>();
        for (Pat p : hits) {
            if (p.exclude) {
                excluded.add(p.entry);
            }
        }
        for (Pat p : hits) {
            if (!p.exclude && !excluded.contains(p.entry)) {
                best.merge(p.entry, p.depth, Math::max);
            }
        }
        for (EntryRegexes r : regexes) {
            if (excluded.contains(r.entry)) {
                continue;
            }
            for (Pattern re : r.patterns) {
                if (re.matcher(path).find()) {
                    best.merge(r.entry, 0, Math::max);
                    break;
                }
            }
        }
        List<Match> out = new ArrayList<>(best.size());
        List<Integer> order = new ArrayList<>(best.keySet());
        Collections.sort(order);
        for (int e : order) {
            out.add(new Match(entries.get(e), best.get(e), e));
        }
        out.sort((a, b) -> a.depth != b.depth ? Integer.compare(b.depth, a.depth)
                : Integer.compare(a.index, b.index));
        return List.copyOf(out);
    }

    /** The owners of {@code path} (entry titles and maintainers), most specific first. */
    public List<Owner> match(String path) {
        return matches(path).stream().map(m -> m.entry().toOwner()).toList();
    }

    @Override
    public List<Owner> owners(String path) {
        return match(path);
    }

    /** The most specific owner of {@code path}, if any entry covers it. */
    public Optional<Owner> primary(String path) {
        List<Match> m = matches(path);
        return m.isEmpty() ? Optional.empty() : Optional.of(m.get(0).entry().toOwner());
    }

    /** Problems found while building (skipped regexes), each reported once. */
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
        n.patterns.add(p);
    }

    private void collect(String path, List<Pat> hits) {
        Node n = root;
        int from = 0;
        while (true) {
            for (Pat p : n.patterns) {
                if (p.glob.matches(path)) {
                    hits.add(p);
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

    /** Perl's /x: unescaped whitespace outside a character class is not part of the pattern. */
    static String stripExtendedWhitespace(String re) {
        StringBuilder b = new StringBuilder(re.length());
        boolean inClass = false;
        for (int i = 0; i < re.length(); i++) {
            char c = re.charAt(i);
            if (c == '\\' && i + 1 < re.length()) {
                b.append(c).append(re.charAt(++i));
                continue;
            }
            if (c == '[') {
                inClass = true;
            } else if (c == ']') {
                inClass = false;
            } else if (!inClass && Character.isWhitespace(c)) {
                continue;
            }
            b.append(c);
        }
        return b.toString();
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

    private record EntryRegexes(int entry, List<Pattern> patterns) {
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

    private static final class Node {
        final Map<String, Node> children = new HashMap<>();
        final List<Pat> patterns = new ArrayList<>();
    }
}
