package dev.oxmeter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The command line only parses, calls the library's entry point ({@code dev.oxmeter.Oxmeter}) and renders: its main
 * sources name, by import or fully qualified, only the root package (the entry point and its errors), the packages
 * of values its methods take and return, and rendering. Never the store, git objects ({@code source}, JGit),
 * aggregation or blob facts.
 */
class CliLayeringTest {
    /** The project packages the CLI may use: its own, the entry point's values and options, and rendering. */
    static final Set<String> ALLOWED = Set.of("cli", "model", "language", "timeline", "people", "change", "toolchain",
            "lens", "render", "report");

    private static final Pattern NAME = Pattern.compile("\\b(?:dev\\.oxmeter|org\\.eclipse\\.jgit)\\.[\\w.]+");

    /** Why {@code name} may not appear in the CLI's main sources, or null when it may. */
    static String violation(String name) {
        if (name.startsWith("org.eclipse.jgit.")) {
            return "JGit";
        }
        String first = name.substring("dev.oxmeter.".length()).split("\\.")[0];
        if (Character.isUpperCase(first.charAt(0)) || ALLOWED.contains(first)) {
            return null;
        }
        return "package " + first;
    }

    static List<String> violations(String source) {
        List<String> out = new ArrayList<>();
        Matcher m = NAME.matcher(source);
        while (m.find()) {
            String why = violation(m.group());
            if (why != null) {
                out.add(m.group() + " (" + why + ")");
            }
        }
        return out;
    }

    @Test
    void cliUsesOnlyTheEntryPointItsValuesAndRendering() throws IOException {
        Path root = Path.of("src/main/java");
        List<String> violations = new ArrayList<>();
        int scanned = 0;
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                scanned++;
                for (String v : violations(Files.readString(f))) {
                    violations.add(root.relativize(f) + " uses " + v);
                }
            }
        }
        assertThat(scanned).as("main sources found").isGreaterThan(20);
        assertThat(violations).isEmpty();
    }

    @Test
    void theCheckSeesForbiddenNamesAndAllowsTheApi() {
        assertThat(violations("import dev.oxmeter.store.Store;\nx = dev.oxmeter.facts.Metrics.EMPTY;\n"
                + "import org.eclipse.jgit.lib.Repository;\nimport dev.oxmeter.aggregate.FileRow;\n"
                + "import dev.oxmeter.source.GitRepo;\n"))
                .containsExactly("dev.oxmeter.store.Store (package store)",
                        "dev.oxmeter.facts.Metrics.EMPTY (package facts)", "org.eclipse.jgit.lib.Repository (JGit)",
                        "dev.oxmeter.aggregate.FileRow (package aggregate)",
                        "dev.oxmeter.source.GitRepo (package source)");
        assertThat(violations("import dev.oxmeter.Oxmeter;\nimport dev.oxmeter.model.Revision;\n"
                + "import dev.oxmeter.render.Table;\n")).isEmpty();
    }
}
