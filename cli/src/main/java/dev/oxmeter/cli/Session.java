package dev.oxmeter.cli;

import dev.oxmeter.aggregate.CompositionEngine;
import dev.oxmeter.aggregate.Progress;
import dev.oxmeter.aggregate.ScanOptions;
import dev.oxmeter.facts.FactsCache;
import dev.oxmeter.facts.FactsComputer;
import dev.oxmeter.language.LanguageCatalog;
import dev.oxmeter.source.GitRepo;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** What one command run holds open: the repository, the facts cache and the engine. Close it when done. */
final class Session implements AutoCloseable {
    private final GitRepo repo;
    private final CompositionEngine engine;
    private final CommonOptions common;
    private final PrintWriter out = new PrintWriter(System.out, false, StandardCharsets.UTF_8);
    private final PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    private final long started = System.nanoTime();

    private Session(GitRepo repo, CompositionEngine engine, CommonOptions common) {
        this.repo = repo;
        this.engine = engine;
        this.common = common;
    }

    static Session open(RepoOption repoOption, CommonOptions common, ScanOptions options) {
        common.format();
        int threads = common.threads();
        GitRepo repo = GitRepo.open(repoOption.path());
        try {
            FactsComputer computer = new FactsComputer(LanguageCatalog.standard(), List.of());
            FactsCache cache = new FactsCache();
            Progress progress = TerminalProgress.create(common.quiet);
            CompositionEngine engine = new CompositionEngine(repo, computer, cache, options, threads, progress,
                    added -> { });
            return new Session(repo, engine, common);
        } catch (RuntimeException e) {
            repo.close();
            throw e;
        }
    }

    GitRepo repo() {
        return repo;
    }

    CompositionEngine engine() {
        return engine;
    }

    PrintWriter out() {
        return out;
    }

    /** Reports what the run did when --verbose is given. */
    void finish() {
        if (common.verbose) {
            err.printf("oxmeter: %s; %.2f s%n", engine.stats(), (System.nanoTime() - started) / 1e9);
        }
    }

    @Override
    public void close() {
        repo.close();
    }
}
