package dev.oxmeter;

import dev.oxmeter.language.Language;
import dev.oxmeter.model.Revision;
import dev.oxmeter.people.Affiliations;
import dev.oxmeter.people.Mailmap;
import dev.oxmeter.people.PeopleReport;
import dev.oxmeter.people.PeopleRun;
import dev.oxmeter.people.TrailerKeys;
import dev.oxmeter.report.ReportModel;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The report's contributor figures: {@code oxmeter people --lang rust} over the report's release windows (the
 * repository's mailmap at each window's end; employers from an affiliations file, else email domains), reusing
 * the store's commit facts, with the top contributors named.
 */
final class ReportPeople implements ReportRequest.PeopleSource {
    /** Named contributors per list. */
    static final int NAMED = 15;
    private final Affiliations affiliations;

    ReportPeople(Affiliations affiliations) {
        this.affiliations = affiliations;
    }

    @Override
    public ReportModel.Part<ReportModel.People> people(Oxmeter ox, List<Revision> revs) {
        Language rust = ox.catalog().byName("Rust").orElseThrow();
        PeopleRun.Result r = ox.people(rust, PeopleRun.consecutive(revs),
                ox.peopleOptions(Mailmap.EMPTY, null, affiliations, TrailerKeys.DEFAULT,
                        ox.options().allowMissing()), false);
        List<ReportModel.Window> windows = new ArrayList<>();
        Map<String, Set<String>> employerPeople = new HashMap<>();
        Map<String, Integer> employerCommits = new HashMap<>();
        int total = 0;
        Map<String, Acc> everyone = new LinkedHashMap<>();
        PeopleReport.Window latest = null;
        for (PeopleReport.Window w : r.report().windows()) {
            if (w.contributors() > 0) {
                latest = w;
            }
            for (PeopleReport.Person p : w.people()) {
                Acc a = everyone.computeIfAbsent(p.email().toLowerCase(Locale.ROOT), k -> new Acc(w.label()));
                a.name = p.name();
                a.commits += p.commits();
                a.added += p.added();
                a.removed += p.removed();
            }
            windows.add(new ReportModel.Window(w.label(), w.endDate() == null ? null
                    : w.endDate().atZone(ZoneOffset.UTC).toLocalDate(), w.contributors(), w.newContributors(),
                    w.cumulative(), w.commits()));
            total = Math.max(total, w.cumulative());
            for (PeopleReport.Person p : w.people()) {
                employerPeople.computeIfAbsent(p.employer(), e -> new HashSet<>()).add(p.email().toLowerCase());
            }
            for (PeopleReport.Employer e : w.employers()) {
                employerCommits.merge(e.name(), e.commits(), Integer::sum);
            }
        }
        if (total == 0) {
            return ReportModel.Part.absent("no commit in the selected windows changes Rust code");
        }
        List<ReportModel.Employer> employers = new ArrayList<>();
        employerPeople.forEach((name, people) -> employers.add(new ReportModel.Employer(name, people.size(),
                employerCommits.getOrDefault(name, 0))));
        employers.sort((a, b) -> a.contributors() != b.contributors() ? b.contributors() - a.contributors()
                : b.commits() != a.commits() ? b.commits() - a.commits() : a.name().compareTo(b.name()));
        List<PeopleReport.Window> all = r.report().windows();
        String lastLabel = latest == null ? null : latest.label();
        List<ReportModel.Person> top = everyone.values().stream()
                .sorted(Comparator.comparingInt((Acc a) -> -a.commits).thenComparingLong(a -> -a.added)
                        .thenComparing(a -> a.name))
                .limit(NAMED)
                .map(a -> new ReportModel.Person(a.name, a.commits, a.added, a.removed, a.first,
                        a.first.equals(lastLabel)))
                .toList();
        ReportModel.Latest recent = latest == null ? null : new ReportModel.Latest(latest.label(),
                latest == all.get(all.size() - 1), latest.people().stream().limit(NAMED)
                .map(p -> new ReportModel.Person(p.name(), p.commits(), p.added(), p.removed(), p.firstWindow(),
                        p.isNew())).toList());
        return ReportModel.Part.of(new ReportModel.People(windows, total, employers,
                affiliations == Affiliations.EMPTY ? "email domain" : "employer", top, recent));
    }

    /** One person over all windows: the newest name, sums, and the window of the first Rust commit. */
    private static final class Acc {
        final String first;
        String name;
        int commits;
        long added;
        long removed;

        Acc(String first) {
            this.first = first;
        }
    }
}
