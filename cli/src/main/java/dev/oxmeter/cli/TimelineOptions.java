package dev.oxmeter.cli;

import dev.oxmeter.OxmeterException;
import dev.oxmeter.model.Revision;
import dev.oxmeter.Oxmeter;
import dev.oxmeter.timeline.Timeline;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/** How a command picks the revisions of its timeline (mixed in). Conflicting choices are rejected up front. */
final class TimelineOptions {
    @Option(names = "--tags", paramLabel = "GLOB", description = "Tags matching GLOB (git tag -l syntax; "
            + "repeatable). Without --tags, --every or --revs: the releases, i.e. tags that are plain version numbers "
            + "(v2.45.0, 4.1.2; no -rc1, b1, nightly, paths) of the main series (most such tags: v* rather than "
            + "gitgui-*), without maintenance releases dated after a higher version; --every month when there are "
            + "none.")
    List<String> tags = new ArrayList<>();

    @Option(names = "--exclude-tags", paramLabel = "GLOB", description = "Leave out tags matching GLOB, e.g. '*-rc*'.")
    List<String> excludeTags = new ArrayList<>();

    @Option(names = "--order", paramLabel = "ORDER", defaultValue = "version",
            description = "Tag order: version (natural: v6.9 < v6.10) or date. Default ${DEFAULT-VALUE}.")
    String order;

    @Option(names = "--every", paramLabel = "PERIOD",
            description = "Sample the last first-parent commit of each week, month, quarter or year.")
    String every;

    @Option(names = "--branch", paramLabel = "REV", defaultValue = "HEAD",
            description = "With --every: the branch whose first-parent history is sampled (default ${DEFAULT-VALUE}).")
    String branch;

    @Option(names = "--since", paramLabel = "YYYY-MM-DD", description = "Only revisions dated on or after this day (UTC, commit date).")
    String since;

    @Option(names = "--until", paramLabel = "YYYY-MM-DD", description = "Only revisions dated on or before this day (UTC, commit date).")
    String until;

    @Option(names = "--revs", paramLabel = "A,B,C", split = ",", description = "An explicit list of revisions.")
    List<String> revs = new ArrayList<>();

    /** What {@link #select} chose, as a noun for n revisions: "3 releases", "12 samples (every month)". */
    private java.util.function.IntFunction<String> chosen = n -> n + (n == 1 ? " revision" : " revisions");

    /** The last selection in words ("4 releases", "12 samples (every month)"). */
    String describe(int n) {
        return chosen.apply(n);
    }

    /** True when any option choosing a timeline was given. */
    boolean any() {
        return !tags.isEmpty() || !excludeTags.isEmpty() || every != null || !revs.isEmpty() || since != null
                || until != null;
    }

    /** Validates the combination; call before opening anything. */
    void validate() {
        int modes = (tags.isEmpty() && excludeTags.isEmpty() ? 0 : 1) + (every == null ? 0 : 1) + (revs.isEmpty() ? 0 : 1);
        if (modes > 1) {
            throw new OxmeterException("choose one timeline: --tags/--exclude-tags, --every or --revs");
        }
        if ((since != null || until != null) && !revs.isEmpty()) {
            throw new OxmeterException("--since and --until do not go with --revs");
        }
        if (every != null) {
            period();
        }
        order();
        date(since, "--since");
        date(until, "--until");
    }

    private Timeline.Period period() {
        try {
            return Timeline.Period.parse(every);
        } catch (IllegalArgumentException e) {
            throw new OxmeterException(e.getMessage());
        }
    }

    Timeline.Order order() {
        return switch (order.trim().toLowerCase(Locale.ROOT)) {
            case "version" -> Timeline.Order.VERSION;
            case "date" -> Timeline.Order.DATE;
            default -> throw new OxmeterException("unknown --order '" + order + "' (expected version or date)");
        };
    }

    private static LocalDate date(String s, String option) {
        if (s == null) {
            return null;
        }
        try {
            return LocalDate.parse(s.trim());
        } catch (DateTimeParseException e) {
            throw new OxmeterException(option + ": not a date (YYYY-MM-DD): '" + s + "'");
        }
    }

    /** The selected revisions, oldest first. */
    List<Revision> select(Oxmeter ox) {
        validate();
        if (!revs.isEmpty()) {
            return ox.revisions(revs);
        }
        if (every != null) {
            String period = every.trim().toLowerCase(Locale.ROOT);
            chosen = n -> n + (n == 1 ? " sample" : " samples") + " (every " + period + ")";
            return ox.every(branch, Timeline.Period.parse(every), date(since, "--since"),
                    date(until, "--until"));
        }
        return ox.tags(tags, excludeTags, order(), branch, date(since, "--since"),
                date(until, "--until"), kind -> chosen = switch (kind) {
                    case TAGS -> n -> n + (n == 1 ? " tag" : " tags");
                    case RELEASES -> n -> n + (n == 1 ? " release" : " releases");
                    case MONTHLY -> n -> n + (n == 1 ? " sample" : " samples") + " (every month)";
                });
    }
}
