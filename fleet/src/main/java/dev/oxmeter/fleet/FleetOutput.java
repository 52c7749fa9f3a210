package dev.oxmeter.fleet;

import dev.oxmeter.OxmeterException;
import dev.oxmeter.render.Html;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The output directory of a fleet run: everything is written into a hidden sibling first, then swapped in place of
 * the previous output, so a reader sees the old datasets or the new ones, never a mix, and a failed run leaves the
 * old ones. A directory that does not carry this class's marker is the user's and is never replaced.
 *
 * <p>Not thread-safe; one per run.
 */
final class FleetOutput {
    static final String MARKER = ".oxmeter-fleet";
    private final Path out;
    private final Path tmp;

    private FleetOutput(Path out, Path tmp) {
        this.out = out;
        this.tmp = tmp;
    }

    /**
     * Checks that {@code out} is absent, or an earlier fleet output, and creates the staging directory beside it.
     *
     * @throws OxmeterException when {@code out} is a file, or a directory oxmeter did not write
     */
    static FleetOutput prepare(Path dir) {
        Path out = dir.toAbsolutePath().normalize();
        if (Files.exists(out, LinkOption.NOFOLLOW_LINKS)) {
            if (!Files.isDirectory(out, LinkOption.NOFOLLOW_LINKS) || !Files.isRegularFile(out.resolve(MARKER))) {
                throw new OxmeterException(dir + " exists and is not an oxmeter fleet output: refusing to replace it"
                        + " (choose another --out)");
            }
        }
        Path parent = out.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new OxmeterException("the directory of --out " + dir + " does not exist");
        }
        Path tmp = parent.resolve("." + out.getFileName() + ".tmp-" + UUID.randomUUID());
        try {
            Files.createDirectory(tmp);
        } catch (IOException e) {
            throw new OxmeterException("cannot write into " + parent + ": " + e.getMessage(), e);
        }
        return new FleetOutput(out, tmp);
    }

    /** Where dataset {@code name} is written (a directory that must not exist yet). */
    Path dataset(String name) {
        return tmp.resolve(name);
    }

    /** Writes {@code fleet.md} and the self-contained {@code fleet.html} for {@code rows}. */
    void summaries(List<RepoRow> rows) {
        List<RepoRow> ranked = new ArrayList<>(rows);
        ranked.sort(Comparator.comparing((RepoRow r) -> !r.ok())
                .thenComparing(r -> Double.isNaN(r.rustShare()) ? -1 : r.rustShare(), Comparator.reverseOrder())
                .thenComparing(RepoRow::repo));
        write("fleet.md", FleetSummary.markdown(ranked));
        write("fleet.html", FleetSummary.html(ranked));
    }

    private void write(String name, String text) {
        try {
            Files.writeString(tmp.resolve(name), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new OxmeterException("cannot write " + name + ": " + e.getMessage(), e);
        }
    }

    /** Puts the staged output in place of the previous one. */
    void commit() {
        Path old = out.resolveSibling("." + out.getFileName() + ".old-" + UUID.randomUUID());
        try {
            Files.writeString(tmp.resolve(MARKER), "oxmeter fleet output\n", StandardCharsets.UTF_8);
            boolean had = Files.exists(out, LinkOption.NOFOLLOW_LINKS);
            if (had) {
                Files.move(out, old, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE);
            if (had) {
                delete(old);
            }
        } catch (IOException e) {
            throw new OxmeterException("cannot put the fleet output in place at " + out + ": " + e.getMessage(), e);
        }
    }

    /** Removes the staging directory after a failed run; the previous output stays. */
    void abandon() {
        delete(tmp);
    }

    private static void delete(Path root) {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new OxmeterException("cannot remove " + root + ": " + e.getMessage(), e);
        }
    }

    static String pct(double d) {
        return Double.isNaN(d) ? "–" : String.format(Locale.ROOT, "%.2f %%", d);
    }

    static String esc(String s) {
        return Html.esc(s == null ? "" : s);
    }
}
