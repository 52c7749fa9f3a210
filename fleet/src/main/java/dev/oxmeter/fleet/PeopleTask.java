package dev.oxmeter.fleet;

import dev.oxmeter.language.Language;
import dev.oxmeter.language.LanguageCatalog;
import dev.oxmeter.model.Progress;
import dev.oxmeter.people.Affiliations;
import dev.oxmeter.people.InMemoryCommitFacts;
import dev.oxmeter.people.Mailmap;
import dev.oxmeter.people.PeopleReport;
import dev.oxmeter.people.PeopleRun;
import dev.oxmeter.people.TrailerKeys;
import dev.oxmeter.render.PeopleTables;
import dev.oxmeter.source.GitRepo;
import java.util.ArrayList;
import java.util.List;
import scala.Tuple2;

/**
 * The {@code people} rows of one repository, computed on an executor by the same run as {@code oxmeter people
 * --lang L} over the repository's release windows (default trailer keys, the repository's own {@code .mailmap}).
 * A failure becomes the repository's error line. Stateless.
 */
final class PeopleTask {
    private PeopleTask() {
    }

    static List<Tuple2<String, String>> lines(RepoPlan plan, FleetOptions options) {
        List<Tuple2<String, String>> out = new ArrayList<>();
        String repo = plan.spec().name();
        try (GitRepo git = RepoAccess.open(plan.spec())) {
            LanguageCatalog catalog = LanguageCatalog.standard();
            Language language = PeopleRun.language(catalog, options.language());
            PeopleRun.Options o = new PeopleRun.Options(options.excludes(), options.includeVendored(), Mailmap.EMPTY,
                    null, Affiliations.EMPTY, TrailerKeys.DEFAULT, 1);
            PeopleReport report = PeopleRun.run(git, new InMemoryCommitFacts(), catalog, language,
                    PeopleRun.consecutive(plan.timeline()), o, Progress.NONE).report();
            FleetJob.tag(out, "people", TableLines.lines(repo, PeopleTables.longFormat(report)));
            out.add(new Tuple2<>(RepoRow.KIND, RepoRow.Measured.ofPeople(repo, report).json()));
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            out.clear();
            out.add(new Tuple2<>(RepoRow.KIND, RepoRow.Measured.failed(repo, "people: " + Failures.oneLine(e))
                    .json()));
        }
        return out;
    }
}
