package dev.oxmeter.cli;

import dev.oxmeter.history.Affiliations;
import dev.oxmeter.history.CommitFactsCache;
import dev.oxmeter.history.Mailmap;
import dev.oxmeter.history.PeopleReport;
import dev.oxmeter.history.PeopleRun;
import dev.oxmeter.history.TrailerKeys;
import dev.oxmeter.language.Language;
import dev.oxmeter.report.ReportModel;
import dev.oxmeter.source.Revision;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The report's contributor figures: {@code oxmeter people --lang rust} over the report's release windows (the
 * repository's mailmap at each window's end, employers by address domain), reusing the store's commit facts.
 */
final class ReportPeople implements ReportData.PeopleSource {
    private final int threads;

    ReportPeople(int threads) {
        this.threads = threads;
    }

    @Override
    public ReportModel.Part<ReportModel.People> people(Session s, List<Revision> revs) {
        Language rust = s.computer().catalog().byName("Rust").orElseThrow();
        CommitFactsCache cache = s.commitFacts();
        dev.oxmeter.aggregate.Progress progress = s.progress();
        PeopleRun.Result r;
        try {
            r = PeopleRun.run(s.repo(), cache, s.computer().catalog(), rust, PeopleRun.consecutive(revs),
                new PeopleRun.Options(s.options().excludes(), s.options().includeVendored(), Mailmap.EMPTY, null,
                        Affiliations.EMPTY, TrailerKeys.DEFAULT, threads, s.options().allowMissing()), progress);
        } finally {
            progress.done();
        }
        String shallow = dev.oxmeter.history.CommitHistory.shallowNotice(r.shallow());
        if (shallow != null) {
            s.notice(shallow);
        }
        List<ReportModel.Window> windows = new ArrayList<>();
        Map<String, Set<String>> employerPeople = new HashMap<>();
        Map<String, Integer> employerCommits = new HashMap<>();
        int total = 0;
        for (PeopleReport.Window w : r.report().windows()) {
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
        return ReportModel.Part.of(new ReportModel.People(windows, total, employers));
    }
}
