package dev.oxmeter.fleet;

import dev.oxmeter.source.GitRepo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Opens fleet repositories on an executor: a local path in place, a clone URL through a bare mirror cloned once
 * per executor JVM into its local scratch directory and removed when the JVM exits.
 *
 * <p>Thread-safe; cloning the same URL from two tasks at once clones it once.
 */
final class RepoAccess {
    private static final Map<String, Path> CLONES = new ConcurrentHashMap<>();

    private RepoAccess() {
    }

    /** Opens {@code spec}'s repository; the caller closes it. */
    static GitRepo open(RepoSpec spec) {
        if (!spec.isUrl()) {
            return GitRepo.open(Path.of(spec.location()));
        }
        Path dir = CLONES.computeIfAbsent(spec.location(), RepoAccess::cloneOnce);
        return GitRepo.open(dir);
    }

    private static Path cloneOnce(String url) {
        Path root = scratch().resolve("oxmeter-fleet-" + ProcessHandle.current().pid());
        Path dir = root.resolve(digest(url) + ".git");
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        if (CLONES.isEmpty()) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(root), "oxmeter-fleet-cleanup"));
        }
        GitRepo.cloneMirror(url, dir).close();
        return dir;
    }

    /** Spark's executor scratch directories when set, else the JVM's temporary directory. */
    private static Path scratch() {
        String local = System.getenv("SPARK_LOCAL_DIRS");
        if (local != null && !local.isBlank()) {
            return Path.of(local.split(",")[0]);
        }
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    private static String digest(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void delete(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort at JVM exit: the directory is scratch space
        }
    }
}
