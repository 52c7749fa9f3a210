package dev.oxmeter.cli;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Damages repositories the way disks and bad copies do, with the git command line: packs, then flipped bytes. */
final class GitFixture {
    private GitFixture() {
    }

    /** Runs git on {@code gitDir} and returns its stdout; fails the test when git fails. */
    static String git(Path gitDir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("git", "--git-dir", gitDir.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new AssertionError(String.join(" ", cmd) + " failed: " + out);
        }
        return out;
    }

    /** Puts every object into one pack, stored whole (no deltas), so damaging one object damages only it. */
    static void packWithoutDeltas(Path gitDir) throws IOException, InterruptedException {
        git(gitDir, "repack", "-a", "-d", "-q", "-F", "--window=0");
    }

    /** One line of {@code git verify-pack -v}: where and how big an object is in the pack. */
    record Packed(String id, String type, long sizeInPack, long offset) {
    }

    static List<Packed> packed(Path gitDir) throws IOException, InterruptedException {
        List<Packed> out = new ArrayList<>();
        for (String line : git(gitDir, "verify-pack", "-v", index(gitDir).toString()).split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 5 && f[0].length() == 40 && f[0].matches("[0-9a-f]{40}")) {
                out.add(new Packed(f[0], f[1], Long.parseLong(f[3]), Long.parseLong(f[4])));
            }
        }
        return out;
    }

    /** Flips four bytes in the middle of object {@code id}'s compressed data, leaving every other object intact. */
    static void corrupt(Path gitDir, String id) throws IOException, InterruptedException {
        Packed p = packed(gitDir).stream().filter(x -> x.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError(id + " is not packed"));
        if (p.sizeInPack() < 24) {
            throw new AssertionError(id + " is too small to damage in its middle: " + p.sizeInPack() + " bytes");
        }
        Path pack = Path.of(index(gitDir).toString().replaceAll("\\.idx$", ".pack"));
        pack.toFile().setWritable(true);
        try (RandomAccessFile f = new RandomAccessFile(pack.toFile(), "rw")) {
            long at = p.offset() + p.sizeInPack() / 2;
            byte[] b = new byte[4];
            f.seek(at);
            f.readFully(b);
            for (int i = 0; i < b.length; i++) {
                b[i] ^= (byte) 0xff;
            }
            f.seek(at);
            f.write(b);
        }
    }

    private static Path index(Path gitDir) throws IOException {
        try (Stream<Path> s = Files.list(gitDir.resolve("objects/pack"))) {
            List<Path> idx = s.filter(x -> x.toString().endsWith(".idx")).toList();
            if (idx.size() != 1) {
                throw new AssertionError("expected one pack, found " + idx);
            }
            return idx.get(0);
        }
    }
}
