package dev.oxmeter.cli;

import dev.oxmeter.OxmeterException;
import dev.oxmeter.source.GitRepo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Function;
import picocli.CommandLine.Option;

/** Where the persistent store lives (mixed in). */
final class StoreOptions {
    @Option(names = "--store", paramLabel = "PATH",
            description = "The DuckDB store file (default: one per repository under $XDG_CACHE_HOME/oxmeter or "
                    + "~/.cache/oxmeter).")
    Path store;

    @Option(names = "--no-store", description = "Keep everything in memory: read and write no store.")
    boolean noStore;

    /** The store file for {@code repo}, or null with --no-store. */
    Path resolve(GitRepo repo) {
        if (noStore) {
            if (store != null) {
                throw new OxmeterException("--store and --no-store exclude each other");
            }
            return null;
        }
        if (store != null) {
            return store;
        }
        return defaultFor(repo);
    }

    /**
     * The store to read for {@code sql}/{@code export}: {@code file} when given, else the default store of the
     * repository at {@code repoPath} (or the current directory's); it must exist.
     */
    static Path existing(Path repoPath, Path file) {
        Path f = file;
        if (f == null) {
            try (GitRepo repo = GitRepo.open(repoPath != null ? repoPath : Path.of("").toAbsolutePath())) {
                f = defaultFor(repo);
            }
        }
        if (!java.nio.file.Files.exists(f)) {
            throw new dev.oxmeter.OxmeterException("no store at " + f
                    + ": run 'oxmeter history' (or scan) on the repository first");
        }
        return f;
    }

    static Path defaultFor(GitRepo repo) {
        return defaultFor(repo, System::getenv);
    }

    /** The default store of {@code repo} with the environment variables {@code env} gives. */
    static Path defaultFor(GitRepo repo, Function<String, String> env) {
        Path dir = cacheHome(env);
        String where = repo.directory().toString();
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(where.getBytes(StandardCharsets.UTF_8));
            String name = repo.name().replaceAll("[^A-Za-z0-9._-]", "_");
            return dir.resolve("oxmeter").resolve(name + "-" + HexFormat.of().formatHex(d, 0, 4) + ".duckdb");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The user's cache directory: {@code $XDG_CACHE_HOME} when it is an absolute path (the XDG specification says
     * to ignore a relative one), else {@code $HOME/.cache}, else the JVM's idea of home.
     */
    static Path cacheHome(Function<String, String> env) {
        Path xdg = absolute(env.apply("XDG_CACHE_HOME"));
        if (xdg != null) {
            return xdg;
        }
        Path home = absolute(env.apply("HOME"));
        return (home != null ? home : Path.of(System.getProperty("user.home"))).resolve(".cache");
    }

    private static Path absolute(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            Path p = Path.of(value);
            return p.isAbsolute() ? p : null;
        } catch (java.nio.file.InvalidPathException e) {
            return null;
        }
    }
}
