package dev.oxmeter.cli;

import dev.oxmeter.OxmeterException;
import dev.oxmeter.Oxmeter;
import dev.oxmeter.change.ChangeReport;
import dev.oxmeter.change.CheckConfig;
import dev.oxmeter.change.CheckResult;
import dev.oxmeter.change.Level;
import dev.oxmeter.change.Rule;
import dev.oxmeter.language.LanguageCatalog;
import dev.oxmeter.model.Revision;
import dev.oxmeter.render.CheckRender.CheckFormat;
import dev.oxmeter.render.CheckRender;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code oxmeter check --base REV}: the CI gate: rules on the change from the base to the head, exit 0/1/2. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Checks a change (base → head) against rules on new code only: new unsafe without SAFETY "
                + "comments or # Safety sections, new C helpers without __rust_helper, a Rust share drop beyond "
                + "a tolerance, new unsafe in forbidden paths, new files of a forbidden language under a path. "
                + "Settings come from .oxmeter.toml at the head's root, then from flags (docs/check.md). "
                + "Exit 0: no error-level finding; 1: at least one; 2: bad input.")
final class CheckCommand implements Callable<Integer> {
    /** Exit code when an error-level rule fires. */
    static final int EXIT_FAILED = 1;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    RepoOption repo;

    @Option(names = "--base", required = true, paramLabel = "REV",
            description = "The revision the change starts from (the target branch, a merge base, a commit id).")
    String base;

    @Option(names = "--head", paramLabel = "REV", defaultValue = "HEAD",
            description = "The revision to check (default: ${DEFAULT-VALUE}, the checked-out commit).")
    String head;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table (default), json, csv, sarif (SARIF 2.1.0), github (workflow commands) or md.")
    String format;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Write the result to FILE (atomically).")
    Path out;

    @Option(names = "--sarif", paramLabel = "FILE", description = "Also write SARIF 2.1.0 to FILE (for code "
            + "scanning), whatever --format says.")
    Path sarif;

    @Option(names = "--config", paramLabel = "FILE", description = "Read the settings from FILE instead of "
            + "the head revision's .oxmeter.toml.")
    Path config;

    @Option(names = "--no-config", description = "Ignore .oxmeter.toml: defaults and flags only.")
    boolean noConfig;

    @Option(names = "--rule", paramLabel = "RULE=LEVEL", description = "Set a rule's level: error, warning or "
            + "off (repeatable), e.g. --rule unannotated-helper=warning. Rules: undocumented-unsafe, "
            + "unsafe-fn-without-safety-doc, unannotated-helper, rust-share-decrease, unsafe-in-path, "
            + "new-file-in-language.")
    List<String> ruleLevels = new ArrayList<>();

    @Option(names = "--share-tolerance", paramLabel = "POINTS", description = "How many percentage points the "
            + "Rust share may fall before rust-share-decrease fires (default 1.0).")
    Double shareTolerance;

    @Option(names = "--unsafe-path", paramLabel = "GLOB", description = "A path where new unsafe code is not "
            + "allowed (gitignore-style glob; repeatable).")
    List<String> unsafePaths = new ArrayList<>();

    @Option(names = "--no-new-files", paramLabel = "LANGUAGE:GLOB", description = "No new files of LANGUAGE "
            + "under GLOB (repeatable), e.g. --no-new-files C:drivers/gpu/nova-core/.")
    List<String> noNewFiles = new ArrayList<>();

    @Option(names = {"-q", "--quiet"}, description = "No progress bar.")
    boolean quiet;

    @Option(names = {"-v", "--verbose"}, description = "Print what was read and what came from caches (stderr).")
    boolean verbose;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads for reading blobs "
            + "(default: the number of cores).")
    Integer threads;

    @Mixin
    ScanRuleOptions rules;

    @Mixin
    StoreOptions store;

    @Option(names = "--name", paramLabel = "NAME",
            description = "The repository's name in the JSON header (default: the repository's own name).")
    String name;

    @Override
    public Integer call() {
        CheckFormat fmt;
        try {
            fmt = CheckFormat.parse(format);
        } catch (IllegalArgumentException e) {
            throw new OxmeterException(e.getMessage());
        }
        if (config != null && noConfig) {
            throw new OxmeterException("--config and --no-config exclude each other");
        }
        CommonOptions common = new CommonOptions();
        common.format = "table";
        common.quiet = quiet;
        common.verbose = verbose;
        common.threads = threads;
        common.name = name;
        LanguageCatalog catalog = LanguageCatalog.standard();
        CheckConfig flags = flagConfig(CheckConfig.defaults(), catalog); // bad flags fail before any git work
        CheckResult result;
        try (Session s = Session.open(spec, repo, common, store, rules)) {
            Revision baseRev = s.ox().base(base);
            Revision headRev = s.ox().resolve(head);
            CheckConfig settings = CheckConfig.defaults();
            if (config != null) {
                settings = CheckConfig.parse(readFile(config), config.toString(), settings, catalog);
            } else if (!noConfig) {
                Optional<String> toml = s.ox().rootFile(headRev, CheckConfig.FILE_NAME);
                if (toml.isPresent()) {
                    settings = CheckConfig.parse(toml.get(), CheckConfig.FILE_NAME + " at " + head, settings,
                            catalog);
                }
            }
            settings = flagConfig(settings, catalog);
            ChangeReport change = s.ox().change(baseRev, headRev);
            result = CheckResult.evaluate(change, settings);
            s.finish(null);
            String version = spec.root().version().length == 0 ? "0" : spec.root().version()[0].replace("oxmeter ", "");
            if (sarif != null) {
                Output.emit(s.out(), CheckRender.render(result, CheckFormat.SARIF, version), sarif);
            }
            Output.emit(s.out(), CheckRender.render(result, fmt, version,
                    s.header(List.of(baseRev, headRev), java.util.Map.of())), out);
        }
        return result.passed() ? 0 : EXIT_FAILED;
    }

    private static String readFile(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new OxmeterException("cannot read " + p + ": " + e.getMessage(), e);
        }
    }

    /** {@code c} with the flags applied on top (flags win over the file). */
    private CheckConfig flagConfig(CheckConfig c, LanguageCatalog catalog) {
        try {
            return flags(c, catalog);
        } catch (IllegalArgumentException e) {
            // an unknown rule, level or language named on the command line is bad input
            throw new OxmeterException(e.getMessage());
        }
    }

    private CheckConfig flags(CheckConfig c, LanguageCatalog catalog) {
        for (String rl : ruleLevels) {
            int eq = rl.indexOf('=');
            if (eq <= 0) {
                throw new OxmeterException("--rule takes RULE=LEVEL, e.g. unannotated-helper=warning: '" + rl
                        + "'");
            }
            c = c.with(Rule.byId(rl.substring(0, eq).trim()), Level.parse(rl.substring(eq + 1)));
        }
        if (shareTolerance != null) {
            if (!(shareTolerance >= 0) || shareTolerance.isInfinite()) {
                throw new OxmeterException("--share-tolerance must be a number of percentage points >= 0");
            }
            c = c.withShareTolerance(shareTolerance);
        }
        List<String> globs = new ArrayList<>();
        for (String g : unsafePaths) {
            try {
                Oxmeter.checkGlob(g);
            } catch (IllegalArgumentException e) {
                throw new OxmeterException("--unsafe-path: " + e.getMessage());
            }
            globs.add(g);
        }
        c = c.withUnsafePaths(globs);
        List<CheckConfig.LanguagePath> pairs = new ArrayList<>();
        for (String lp : noNewFiles) {
            int colon = lp.indexOf(':');
            if (colon <= 0 || colon == lp.length() - 1) {
                throw new OxmeterException("--no-new-files takes LANGUAGE:GLOB, e.g. C:drivers/gpu/nova-core/: '"
                        + lp + "'");
            }
            pairs.add(new CheckConfig.LanguagePath(CheckConfig.language(catalog, lp.substring(0, colon)),
                    lp.substring(colon + 1)));
        }
        return c.withNoNewFiles(pairs);
    }
}
