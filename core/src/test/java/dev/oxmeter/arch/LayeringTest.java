package dev.oxmeter.arch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the data flow visible in the package graph: model (shared values) ← source ← language/count ← facts/people ← aggregate ←
 * change/store ← render ← report, and JGit only in {@code source}. Reads the main sources' import lines.
 */
class LayeringTest {
    /** What each package may import from the project (besides itself and the root package). */
    static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("model", Set.of("count", "language")),
            Map.entry("source", Set.of()),
            Map.entry("language", Set.of()),
            Map.entry("count", Set.of("language")),
            Map.entry("owners", Set.of()),
            Map.entry("timeline", Set.of("source")),
            Map.entry("facts", Set.of("source", "language", "count")),
            Map.entry("people", Set.of("source", "language", "count", "facts", "timeline", "aggregate")),
            Map.entry("aggregate", Set.of("source", "language", "count", "facts", "owners")),
            Map.entry("toolchain", Set.of("source", "aggregate")),
            Map.entry("lens", Set.of("source", "language", "count", "facts", "owners", "aggregate")),
            Map.entry("change", Set.of("source", "language", "count", "facts", "owners", "aggregate")),
            Map.entry("store", Set.of("source", "language", "count", "facts", "owners", "aggregate", "people",
                    "timeline")),
            Map.entry("render", Set.of("source", "language", "count", "facts", "owners", "aggregate", "people",
                    "timeline", "toolchain", "change")),
            Map.entry("report", Set.of("source", "language", "count", "facts", "owners", "aggregate", "people",
                    "timeline", "store", "toolchain", "change", "render")));

    /** The value types of the library's API (revisions, compositions, options): every package may use them. */
    static final String SHARED = "model";

    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?([\\w.]+)", Pattern.MULTILINE);

    @Test
    void packagesImportOnlyDownstream() throws IOException {
        Path root = Path.of("src/main/java/dev/oxmeter");
        List<String> violations = new ArrayList<>();
        int scanned = 0;
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                scanned++;
                Path rel = root.relativize(f);
                if (rel.getNameCount() < 2) {
                    continue; // the root package (OxmeterException) is shared by all
                }
                String pkg = rel.getName(0).toString();
                assertThat(ALLOWED).as("package %s has layering rules", pkg).containsKey(pkg);
                Matcher m = IMPORT.matcher(Files.readString(f));
                while (m.find()) {
                    String imp = m.group(1);
                    if (imp.startsWith("org.eclipse.jgit") && !pkg.equals("source")) {
                        violations.add(rel + " imports JGit");
                    }
                    if (imp.startsWith("dev.oxmeter.")) {
                        String[] parts = imp.split("\\.");
                        String target = parts[2];
                        boolean isClassInRoot = Character.isUpperCase(target.charAt(0));
                        if (!isClassInRoot && !target.equals(pkg) && !target.equals(SHARED) && !ALLOWED.get(pkg).contains(target)) {
                            violations.add(rel + " imports " + imp);
                        }
                    }
                }
            }
        }
        assertThat(scanned).as("main sources found").isGreaterThan(50);
        assertThat(violations).isEmpty();
    }
}
