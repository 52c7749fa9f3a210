package dev.oxmeter.timeline;

import dev.oxmeter.source.TagRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The default timeline's rule: which tags are the repository's releases. A tag is a release when
 * <ol>
 * <li>its name is a <em>version</em>: a prefix without digits or {@code /}, then one or more runs of ASCII digits
 *     separated by single {@code .}, {@code _} or {@code -}, and nothing after them ({@code v2.45.0},
 *     {@code 4.1.2}, {@code LIBRSVG_2_10_0}, {@code gitgui-0.6.0}; not {@code v6.1-rc1}, {@code 3.0b1},
 *     {@code v0.99.9a}, {@code nightly}, {@code target/x.gz});</li>
 * <li>it belongs to the <em>main series</em>: the series (the prefix, ignoring case, a trailing {@code v} and
 *     trailing separators, so {@code v1.0} and {@code 1.0} are one series, {@code gitgui-0.6.0} another) with the
 *     most version tags, ties going to the series with the newest tag;</li>
 * <li>it is not a <em>late maintenance release</em>: no tag of the main series with a higher version (in
 *     {@link VersionOrder}) is dated strictly before it ({@code v2.39.3} of April 2023 comes after {@code v2.40.0}
 *     of March 2023, so it is left out). So the releases in version order are also in date order;</li>
 * <li>it points to a commit.</li>
 * </ol>
 * Dates are {@link TagRef#date()}: the tagger date of an annotated tag, else the commit date.
 *
 * <p>Stateless; {@link #select} is O(n log n) in the number of tags.
 */
public final class ReleaseTags {
    private ReleaseTags() {
    }

    /**
     * The releases among {@code tags}, in version order, and what was left out.
     *
     * @param releases     the release tags, oldest version first (dates non-decreasing)
     * @param series       the main series' tag globs ({@code v*}, {@code [0-9]*' or 'v*}, {@code gitgui-*})
     * @param preReleases  tags with a number left out for a suffix ({@code -rc1}, {@code b1}, {@code a})
     * @param otherSeries  version tags of other series, by series glob, most tags first
     * @param notVersions  tags without a version number (or naming a path)
     * @param maintenance  late maintenance releases left out
     * @param notCommits   main-series tags pointing to a tree or blob
     */
    public record Selection(List<TagRef> releases, String series, int preReleases, Map<String, Integer> otherSeries,
                            int notVersions, int maintenance, int notCommits) {
        public Selection {
            releases = List.copyOf(releases);
            otherSeries = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(otherSeries));
        }

        /** One line for the user: what the default timeline took and what it left out. */
        public String describe() {
            StringBuilder sb = new StringBuilder("default timeline: ").append(releases.size())
                    .append(releases.size() == 1 ? " release" : " releases").append(" (tags '").append(series)
                    .append("' that are plain version numbers)");
            List<String> out = new ArrayList<>();
            if (preReleases > 0) {
                out.add(preReleases + " with a suffix (rc, beta, ...)");
            }
            if (maintenance > 0) {
                out.add(maintenance + " maintenance release" + (maintenance == 1 ? "" : "s")
                        + " dated after a higher version");
            }
            otherSeries.forEach((g, n) -> out.add(n + " '" + g + "'"));
            if (notVersions > 0) {
                out.add(notVersions + " not a version");
            }
            if (notCommits > 0) {
                out.add(notCommits + " not pointing to a commit");
            }
            if (!out.isEmpty()) {
                sb.append("; left out: ").append(String.join(", ", out));
            }
            return sb.append("; --tags GLOB chooses").toString();
        }
    }

    /** Applies the rule to {@code tags} (any order). */
    public static Selection select(List<TagRef> tags) {
        Map<String, List<TagRef>> bySeries = new HashMap<>();
        Map<String, java.util.SortedSet<String>> globsOf = new HashMap<>();
        int pre = 0;
        int none = 0;
        for (TagRef t : tags) {
            String prefix = versionPrefix(t.name());
            if (prefix == null) {
                if (isVersionLike(t.name())) {
                    pre++;
                } else {
                    none++;
                }
                continue;
            }
            String s = series(prefix);
            bySeries.computeIfAbsent(s, k -> new ArrayList<>()).add(t);
            globsOf.computeIfAbsent(s, k -> new java.util.TreeSet<>()).add(prefix.isEmpty() ? "[0-9]*" : prefix + "*");
        }
        if (bySeries.isEmpty()) {
            return new Selection(List.of(), "", pre, Map.of(), none, 0, 0);
        }
        String main = null;
        for (Map.Entry<String, List<TagRef>> e : bySeries.entrySet()) {
            if (main == null || better(e.getKey(), e.getValue(), main, bySeries.get(main))) {
                main = e.getKey();
            }
        }
        Map<String, Integer> others = new java.util.TreeMap<>();
        for (Map.Entry<String, List<TagRef>> e : bySeries.entrySet()) {
            if (!e.getKey().equals(main)) {
                others.put(glob(globsOf.get(e.getKey())), e.getValue().size());
            }
        }
        Map<String, Integer> othersSorted = new java.util.LinkedHashMap<>();
        others.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()
                .thenComparing(Map.Entry.comparingByKey())).forEach(e -> othersSorted.put(e.getKey(), e.getValue()));
        List<TagRef> candidates = new ArrayList<>();
        int notCommits = 0;
        for (TagRef t : bySeries.get(main)) {
            if (t.pointsToCommit()) {
                candidates.add(t);
            } else {
                notCommits++;
            }
        }
        candidates.sort(VersionOrder.comparing(TagRef::name));
        // From the highest version down: keep a tag unless a higher version was released strictly before it.
        boolean[] keep = new boolean[candidates.size()];
        Instant earliestLater = null;
        for (int i = candidates.size() - 1; i >= 0; i--) {
            Instant d = candidates.get(i).date();
            keep[i] = d == null || earliestLater == null || !d.isAfter(earliestLater);
            if (keep[i] && d != null) {
                earliestLater = earliestLater == null || d.isBefore(earliestLater) ? d : earliestLater;
            }
        }
        List<TagRef> out = new ArrayList<>();
        for (int i = 0; i < keep.length; i++) {
            if (keep[i]) {
                out.add(candidates.get(i));
            }
        }
        return new Selection(out, glob(globsOf.get(main)), pre, othersSorted, none, candidates.size() - out.size(), notCommits);
    }

    private static String glob(java.util.SortedSet<String> globs) {
        return String.join("' or '", globs);
    }

    private static boolean better(String s, List<TagRef> tags, String bestSeries, List<TagRef> best) {
        if (tags.size() != best.size()) {
            return tags.size() > best.size();
        }
        Instant a = newest(tags);
        Instant b = newest(best);
        if (!Objects.equals(a, b)) {
            return b == null || (a != null && a.isAfter(b));
        }
        return s.compareTo(bestSeries) < 0;
    }

    private static Instant newest(List<TagRef> tags) {
        Instant n = null;
        for (TagRef t : tags) {
            if (t.date() != null && (n == null || t.date().isAfter(n))) {
                n = t.date();
            }
        }
        return n;
    }

    /**
     * The prefix (everything before the first digit) when {@code name} is a version as defined above, else null.
     */
    public static String versionPrefix(String name) {
        int first = -1;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '/') {
                return null;
            }
            if (first < 0 && c >= '0' && c <= '9') {
                first = i;
            }
        }
        if (first < 0) {
            return null;
        }
        boolean afterDigit = false;
        for (int i = first; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c >= '0' && c <= '9') {
                afterDigit = true;
            } else if ((c == '.' || c == '_' || c == '-') && afterDigit) {
                afterDigit = false;
            } else {
                return null;
            }
        }
        return afterDigit ? name.substring(0, first) : null;
    }

    /** A name with a digit that is not a path but has more than a version after the digit ({@code v1.0-rc1}). */
    private static boolean isVersionLike(String name) {
        return name.indexOf('/') < 0 && name.chars().anyMatch(c -> c >= '0' && c <= '9');
    }

    /** The series of a version prefix: lower case, without trailing separators and a trailing {@code v}. */
    static String series(String prefix) {
        String s = prefix.toLowerCase(Locale.ROOT);
        s = stripSeparators(s);
        if (s.endsWith("v") && (s.length() == 1 || isSeparator(s.charAt(s.length() - 2)))) {
            s = stripSeparators(s.substring(0, s.length() - 1));
        }
        return s;
    }

    private static String stripSeparators(String s) {
        int end = s.length();
        while (end > 0 && isSeparator(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }

    private static boolean isSeparator(char c) {
        return c == '-' || c == '_' || c == '.';
    }
}
