package dev.oxmeter.cli;

import dev.oxmeter.OxmeterException;
import dev.oxmeter.change.ChangeReport;
import dev.oxmeter.model.Revision;
import dev.oxmeter.render.ChangeTables;
import dev.oxmeter.render.TableWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code oxmeter diff A B}: what the change from A to B does to the Rust migration. */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = "What a change does to the Rust migration: code per language and the Rust share, unsafe "
                + "sites and C helpers added and removed (matched by fingerprint, so moved code is neither), "
                + "files that changed language, Rust per owner. A and B are any revisions; A..B is accepted.")
final class DiffCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..3", paramLabel = "A B [REPO]",
            description = "Base and head revisions (or one A..B), then optionally the repository.")
    List<String> args = new ArrayList<>();

    @Mixin
    CommonOptions common;

    @Mixin
    ScanRuleOptions rules;

    @Mixin
    StoreOptions store;

    /** Base, head and repository parsed from the positional parameters. */
    record Range(String base, String head, Path repo) {
    }

    static Range parse(List<String> args) {
        String first = args.get(0);
        int dots = first.indexOf("..");
        if (dots >= 0) {
            if (first.contains("...")) {
                throw new OxmeterException("'" + first + "': A...B is not supported; give A..B or A B");
            }
            String a = first.substring(0, dots);
            String b = first.substring(dots + 2);
            if (args.size() > 2) {
                throw new OxmeterException("too many arguments: A..B [REPO]");
            }
            return new Range(a.isEmpty() ? "HEAD" : a, b.isEmpty() ? "HEAD" : b,
                    args.size() == 2 ? Path.of(args.get(1)) : null);
        }
        if (args.size() < 2) {
            throw new OxmeterException("give two revisions (A B or A..B)");
        }
        return new Range(first, args.get(1), args.size() == 3 ? Path.of(args.get(2)) : null);
    }

    @Override
    public Integer call() {
        Range range = parse(args);
        RepoOption repo = new RepoOption();
        repo.path = range.repo();
        try (Session s = Session.open(spec, repo, common, store, rules)) {
            Revision base = s.ox().base(range.base());
            Revision head = s.ox().resolve(range.head());
            ChangeReport report = s.ox().change(base, head);
            s.finish(null);
            Output.emit(s.out(), TableWriter.render(ChangeTables.of(report, s.name()), common.format(),
                    s.header(List.of(base, head), Map.of())), common);
        }
        return 0;
    }
}
