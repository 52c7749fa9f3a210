package dev.oxmeter.timeline;

import dev.oxmeter.OxmeterException;
import dev.oxmeter.source.GitRepo;
import dev.oxmeter.source.Revision;
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
     * ordered by version (natural order) or by date. Tags pointing to trees or blobs are reported to
     * {@code warn} and skipped.
     */
    public static List<Revision> tags(GitRepo repo, List<String> globs, List<String> excludes, Order order,
                                      Consumer<String> warn) {
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
        Comparator<TagRef> cmp = order == Order.VERSION
                ? Comparator.comparing(TagRef::name, VersionOrder.INSTANCE)
                : Comparator.comparing(TagRef::date, Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparing(TagRef::name, VersionOrder.INSTANCE);
        selected.sort(cmp);
        List<Revision> out = new ArrayList<>();
        for (TagRef t : selected) {
            Revision r = repo.resolve("refs/tags/" + t.name());
            out.add(new Revision(t.name(), r.commit(), r.tree(), r.date()));
        }
        if (out.isEmpty()) {
            String selection = (globs.isEmpty() ? "(any)" : String.join(", ", globs))
                    + (excludes.isEmpty() ? "" : " outside " + String.join(", ", excludes));
            if (!skipped.isEmpty()) {
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
            throw new OxmeterException("no tag matches " + selection + " in " + repo.directory());
        }
        return out;
    }

    /**
     * The last first-parent commit of each {@code period} along {@code branch}, within [since, until] (either may be
     * null), oldest first, labelled by period.
     */
    public static List<Revision> every(GitRepo repo, String branch, Period period, LocalDate since, LocalDate until) {
        Revision head = repo.resolve(branch);
        Instant from = since == null ? null : since.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant to = until == null ? null : until.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Map<String, Revision> newestPerPeriod = new LinkedHashMap<>();
        for (Revision r : repo.firstParentHistory(head)) {
            if ((from != null && r.date().isBefore(from)) || (to != null && !r.date().isBefore(to))) {
                continue;
            }
            newestPerPeriod.putIfAbsent(period.label(r.date()), r);
        }
        List<Revision> out = new ArrayList<>();
        newestPerPeriod.forEach((label, r) -> out.add(new Revision(label, r.commit(), r.tree(), r.date())));
        out.sort(Comparator.comparing(Revision::label));
        if (out.isEmpty()) {
            throw new OxmeterException("no commit on the first-parent history of '" + branch + "' in the chosen dates");
        }
        return out;
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
