package dev.oxmeter.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the git command line for tests that need what only git does (shallow clones, loose objects). */
public final class GitCli {
    private GitCli() {
    }

    /** Whether git is on PATH. */
    public static boolean available() {
        try {
            Process p = new ProcessBuilder("git", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** Runs git in {@code dir} and returns its standard output; fails on a non-zero exit. */
    public static String git(Path dir, String... args) throws Exception {
        return git(dir, Map.of(), args);
    }

    /** Runs git in {@code dir} with extra environment variables. */
    public static String git(Path dir, Map<String, String> env, String... args) throws Exception {
        Process p = start(dir, env, args);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("git " + args[0] + " failed: " + err);
        }
        return out;
    }

    /** Runs git in {@code dir} and returns its exit code, for commands whose failure is the point. */
    public static int exit(Path dir, String... args) throws Exception {
        Process p = start(dir, Map.of(), args);
        p.getInputStream().readAllBytes();
        p.getErrorStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException("git " + args[0] + " did not finish");
        }
        return p.exitValue();
    }

    private static Process start(Path dir, Map<String, String> env, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("git", "-c", "user.name=T", "-c", "user.email=t@example.com",
                "-c", "init.defaultBranch=main", "-c", "protocol.file.allow=always", "-c", "gc.auto=0"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        return p;
    }

    /** Stages everything in the work tree of {@code dir} and commits it as {@code name} at {@code date}. */
    public static void commitAll(Path dir, String name, String email, String date, String message) throws Exception {
        git(dir, "add", "-A");
        git(dir, Map.of("GIT_AUTHOR_NAME", name, "GIT_AUTHOR_EMAIL", email, "GIT_AUTHOR_DATE", date,
                "GIT_COMMITTER_NAME", name, "GIT_COMMITTER_EMAIL", email, "GIT_COMMITTER_DATE", date),
                "commit", "-q", "-m", message);
    }

    /** Writes {@code text} to {@code dir/path}, creating directories. */
    public static void write(Path dir, String path, String text) throws IOException {
        Path f = dir.resolve(path);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text, StandardCharsets.UTF_8);
    }
}
