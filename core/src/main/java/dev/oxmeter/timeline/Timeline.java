package dev.oxmeter.timeline;

import dev.oxmeter.OxmeterException;
import dev.oxmeter.model.Revision;
import dev.oxmeter.source.GitRepo;
import dev.oxmeter.model.Oid;
import dev.oxmeter.source.TagRef;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Selects the revisions of a timeline: release tags (globs, excludes, version or date order), calendar samples
 * along the first-parent history of a branch, or an explicit list. The result is oldest first.
 *
 * <p>Stateless; every call reads the repository.
 */
public final class Timeline {
    private Timeline() {
    }

    /** How tags are ordered. */
    public enum Order { VERSION, DATE }

    /** Calendar periods for sampling. */
    public enum Period {
        WEEK, MONTH, QUARTER, YEAR;

        public static Period parse(String s) {
            try {
                return valueOf(s.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown period '" + s + "' (expected week, month, quarter or year)");
            }
        }

        /** The label of the period containing {@code t} (UTC): 2024-W07, 2024-02, 2024-Q1, 2024. */
        public String label(Instant t) {
            ZonedDateTime z = t.atZone(ZoneOffset.UTC);
            return switch (this) {
                case WEEK -> String.format(Locale.ROOT, "%d-W%02d", z.get(IsoFields.WEEK_BASED_YEAR),
                        z.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
                case MONTH -> String.format(Locale.ROOT, "%d-%02d", z.getYear(), z.getMonthValue());
                case QUARTER -> String.format(Locale.ROOT, "%d-Q%d", z.getYear(), (z.getMonthValue() - 1) / 3 + 1);
                case YEAR -> Integer.toString(z.getYear());
            };
        }
    }

    /**
     * Tags matching any of {@code globs} (all tags when empty) and none of {@code excludes}, that point to commits,
     * ordered by version (natural order) or by date, with commits dated within [since, until] (either may be null;
     * the commit date, as printed). Tags pointing to trees or blobs are reported to {@code warn} and skipped, and so is
     * a glob that also matches a longer version number than it spells ({@link #longerSeries}); consecutive tags of
     * one commit are folded ({@link #fold}).
     */
    public static List<Revision> tags(GitRepo repo, List<String> globs, List<String> excludes, Order order,
                                      LocalDate since, LocalDate until, Consumer<String> warn) {
        List<TagGlob> inc = globs.stream().map(TagGlob::compile).toList();
        List<TagGlob> exc = excludes.stream().map(TagGlob::compile).toList();
        List<TagRef> selected = new ArrayList<>();
        java.util.Map<String, Integer> skipped = new java.util.TreeMap<>();
        for (TagRef t : repo.tags()) {
            boolean in = inc.isEmpty() || inc.stream().anyMatch(g -> g.matches(t.name()));
            boolean out = exc.stream().anyMatch(g -> g.matches(t.name()));
            if (!in || out) {
                continue;
            }
            if (!t.pointsToCommit()) {
                warn.accept("tag " + t.name() + " " + t.notACommit() + ": skipped");
                skipped.merge(t.targetType(), 1, Integer::sum);
                continue;
            }
            selected.add(t);
        }
        for (String g : globs) {
            String notice = longerSeries(g, selected.stream().map(TagRef::name).toList());
            if (notice != null) {
                warn.accept(notice);
            }
        }
        Comparator<TagRef> byVersion = VersionOrder.comparing(TagRef::name);
        Comparator<TagRef> cmp = order == Order.VERSION ? byVersion
                : Comparator.comparing(TagRef::date, Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparing(byVersion);
        selected.sort(cmp);
        List<Revision> revs = inDates(resolve(repo, selected), since, until);
        if (revs.isEmpty()) {
            String selection = (globs.isEmpty() ? "(any)" : String.join(", ", globs))
                    + (excludes.isEmpty() ? "" : " outside " + String.join(", ", excludes));
            if (selected.isEmpty() && !skipped.isEmpty()) {
                List<String> parts = new ArrayList<>();
                skipped.forEach((type, n) -> parts.add(n + " to " + (type.equals("missing") || type.equals("corrupt")
                        ? "a " + type + " object" : "a " + type)));
                int total = skipped.values().stream().mapToInt(Integer::intValue).sum();
                String msg = (total == 1 ? "the only tag matching " : "all " + total + " tags matching ") + selection
                        + " in " + repo.directory() + " point" + (total == 1 ? "s" : "") + " to no commit ("
                        + String.join(", ", parts) + "): nothing to measure";
                throw skipped.containsKey("missing") || skipped.containsKey("corrupt")
                        ? new dev.oxmeter.RepositoryException(msg) : new OxmeterException(msg);
            }
            throw new OxmeterException("no tag matches " + selection + (selected.isEmpty() ? "" : " " + dates(since, until))
                    + " in " + repo.directory());
        }
        return fold(revs, warn);
    }

    /** Which rule {@link #tagsOrReleases} applied. */
    public enum Kind { TAGS, RELEASES, MONTHLY }

    /**
     * The timeline of the timeline commands without {@code --revs} or {@code --every}: the tags matching
     * {@code globs} outside {@code excludes} when either is given, else the releases ({@link #releases}), else —
     * when the repository has no release tag — the last commit of each month along {@code branch}; all within
     * [since, until] (either may be null). {@code kind} is told which of the three it took.
     */
    public static List<Revision> tagsOrReleases(GitRepo repo, List<String> globs, List<String> excludes, Order order,
                                                String branch, LocalDate since, LocalDate until,
                                                Consumer<String> warn, Consumer<Kind> kind) {
        if (!globs.isEmpty() || !excludes.isEmpty()) {
            kind.accept(Kind.TAGS);
            return tags(repo, globs, excludes, order, since, until, warn);
        }
        List<Revision> releases = releases(repo, since, until, warn);
        if (!releases.isEmpty()) {
            kind.accept(Kind.RELEASES);
            return releases;
        }
        warn.accept("no release tags (plain version numbers) in the repository: sampling --every month");
        kind.accept(Kind.MONTHLY);
        return every(repo, branch, Period.MONTH, since, until);
    }

    /**
     * The default timeline: the repository's releases by {@link ReleaseTags}' rule, within [since, until] (either
     * may be null), oldest first, with one line to {@code warn} saying what was taken and left out. Empty when the
     * repository has no release tag.
     */
    public static List<Revision> releases(GitRepo repo, LocalDate since, LocalDate until, Consumer<String> warn) {
        ReleaseTags.Selection sel = ReleaseTags.select(repo.tags());
        if (sel.releases().isEmpty()) {
            return List.of();
        }
        warn.accept(sel.describe());
        List<Revision> kept = inDates(resolve(repo, sel.releases()), since, until);
        if (kept.isEmpty()) {
            throw new OxmeterException("no release " + dates(since, until) + " in " + repo.directory()
                    + " (first " + sel.releases().get(0).name() + ", last "
                    + sel.releases().get(sel.releases().size() - 1).name() + ")");
        }
        return fold(kept, warn);
    }

    /** The revisions whose commit date is within [since, until] (UTC days; either may be null). */
    private static List<Revision> inDates(List<Revision> revs, LocalDate since, LocalDate until) {
        Instant from = since == null ? null : since.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant to = until == null ? null : until.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        List<Revision> out = new ArrayList<>();
        for (Revision t : revs) {
            Instant d = t.date();
            if (d != null && ((from != null && d.isBefore(from)) || (to != null && !d.isBefore(to)))) {
                continue;
            }
            out.add(t);
        }
        return out;
    }

    private static String dates(LocalDate since, LocalDate until) {
        if (since == null && until == null) {
            return "";
        }
        return since == null ? "until " + until : until == null ? "since " + since : "from " + since + " to " + until;
    }

    private static List<Revision> resolve(GitRepo repo, List<TagRef> tags) {
        List<Revision> out = new ArrayList<>();
        for (TagRef t : tags) {
            if (t.tree() != null && t.commitDate() != null) {
                out.add(new Revision(t.name(), t.commit(), t.tree(), t.commitDate()));
                continue;
            }
            Revision r = repo.resolve("refs/tags/" + t.name());
            out.add(new Revision(t.name(), r.commit(), r.tree(), r.date()));
        }
        return out;
    }

    /**
     * Folds runs of consecutive revisions of one commit into their last (the window between them is empty), and
     * says which to {@code warn}: {@code v1.0} and {@code v1.0.1} on one commit leave {@code v1.0.1}.
     */
    public static List<Revision> fold(List<Revision> revs, Consumer<String> warn) {
        List<Revision> out = new ArrayList<>();
        List<String> folded = new ArrayList<>();
        for (int i = 0; i < revs.size(); i++) {
            Revision r = revs.get(i);
            if (i + 1 < revs.size() && r.commit() != null && r.commit().equals(revs.get(i + 1).commit())) {
                folded.add(r.label() + " = " + revs.get(i + 1).label());
                continue;
            }
            out.add(r);
        }
        if (!folded.isEmpty()) {
            warn.accept(folded.size() + (folded.size() == 1 ? " tag points" : " tags point")
                    + " to the same commit as the next one, folded into it (empty window): "
                    + String.join(", ", folded.subList(0, Math.min(5, folded.size())))
                    + (folded.size() > 5 ? ", ..." : ""));
        }
        return out;
    }

    /**
     * A notice when {@code glob} ends in digits and {@code *} and matches both names where that number ends and
     * names where it goes on ({@code v2.5*} matches {@code v2.5.1} and also {@code v2.50.0}); null otherwise.
     * Only globs without other wildcards are judged.
     */
    public static String longerSeries(String glob, List<String> matched) {
        int end = glob.length();
        while (end > 0 && glob.charAt(end - 1) == '*') {
            end--;
        }
        String literal = glob.substring(0, end);
        if (end == glob.length() || literal.isEmpty() || !isDigit(literal.charAt(literal.length() - 1))
                || literal.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '\\')) {
            return null;
        }
        List<String> longer = new ArrayList<>();
        boolean exact = false;
        for (String n : matched) {
            if (!n.startsWith(literal)) {
                continue;
            }
            if (n.length() > end && isDigit(n.charAt(end))) {
                longer.add(n);
            } else {
                exact = true;
            }
        }
        if (!exact || longer.isEmpty()) {
            return null;
        }
        longer.sort(VersionOrder.INSTANCE);
        return "--tags '" + glob + "' also matches " + longer.size() + (longer.size() == 1 ? " tag" : " tags")
                + " with a longer number (" + longer.get(0) + (longer.size() > 1 ? " ... "
                + longer.get(longer.size() - 1) : "") + "); --exclude-tags '" + literal + "[0-9]*' leaves them out";
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /**
     * Commits whose committer time and first parent are known without reading the repository (the store's commit
     * graph): a first-parent walk follows them and reads the repository only from the first commit they do not
     * know. Implementations answer from memory.
     */
    public interface KnownCommits {
        /** Knows nothing: every walk reads the repository. */
        KnownCommits NONE = commit -> null;

        /** {@code commit}'s committer time and first parent, or null when it is not known. */
        Step step(Oid commit);

        /**
         * @param commitTime  the committer time, as {@link GitRepo#firstParentHistory} reports it
         * @param firstParent the first parent, null for a root commit
         */
        record Step(Instant commitTime, Oid firstParent) {
        }
    }

    /**
     * The last first-parent commit of each {@code period} along {@code branch}, within [since, until] (either may be
     * null), oldest first, labelled by period.
     */
    public static List<Revision> every(GitRepo repo, String branch, Period period, LocalDate since, LocalDate until) {
        return every(repo, branch, period, since, until, KnownCommits.NONE);
    }

    /**
     * {@link #every(GitRepo, String, Period, LocalDate, LocalDate)}, following the first parents that {@code known}
     * knows without reading them: on a history whose commits are all known, the repository is read only for the
     * branch and the chosen samples' trees.
     */
    public static List<Revision> every(GitRepo repo, String branch, Period period, LocalDate since, LocalDate until,
                                       KnownCommits known) {
        Revision head = repo.resolve(branch);
        Instant from = since == null ? null : since.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant to = until == null ? null : until.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Map<String, Sample> newestPerPeriod = new LinkedHashMap<>();
        java.util.function.BiConsumer<Oid, Instant> sample = (commit, date) -> {
            if ((from != null && date.isBefore(from)) || (to != null && !date.isBefore(to))) {
                return;
            }
            // the tree is looked up later, for the chosen samples only
            newestPerPeriod.putIfAbsent(period.label(date), new Sample(commit, date));
        };
        Oid cur = head.commit();
        while (cur != null) {
            KnownCommits.Step step = known.step(cur);
            if (step == null) {
                Revision rest = cur.equals(head.commit()) ? head : repo.resolve(cur.hex());
                for (Revision r : repo.firstParentHistory(rest)) {
                    sample.accept(r.commit(), r.date());
                }
                break;
            }
            sample.accept(cur, step.commitTime());
            cur = step.firstParent();
        }
        List<Revision> out = new ArrayList<>();
        newestPerPeriod.forEach((label, r) -> out.add(new Revision(label, r.commit(),
                repo.resolve(r.commit().hex()).tree(), r.date())));
        out.sort(Comparator.comparing(Revision::label));
        if (out.isEmpty()) {
            throw new OxmeterException("no commit on the first-parent history of '" + branch + "' in the chosen dates");
        }
        return out;
    }

    private record Sample(Oid commit, Instant date) {
    }

    /** Explicit revisions, in the order given. */
    public static List<Revision> explicit(GitRepo repo, List<String> revs) {
        List<Revision> out = new ArrayList<>();
        for (String r : revs) {
            if (!r.isBlank()) {
                out.add(repo.resolve(r.trim()));
            }
        }
        if (out.isEmpty()) {
            throw new OxmeterException("--revs names no revision");
        }
        return out;
    }
}
