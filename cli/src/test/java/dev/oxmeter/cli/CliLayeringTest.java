package dev.oxmeter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The command line only parses, calls the library's entry point ({@code dev.oxmeter.Oxmeter}) and renders: its main
 * sources use none of the packages behind the entry point (the store, git objects, aggregation, blob facts) and no
 * JGit, whether by import or by a fully qualified name.
 */
class CliLayeringTest {
    static final List<String> FORBIDDEN = List.of("dev.oxmeter.store.", "dev.oxmeter.source.",
            "dev.oxmeter.aggregate.", "dev.oxmeter.facts.", "org.eclipse.jgit.");

    private static final Pattern NAME = Pattern.compile("\\b(?:dev\\.oxmeter|org\\.eclipse\\.jgit)\\.[\\w.]+");

    @Test
    void cliUsesOnlyTheEntryPointAndRendering() throws IOException {
        Path root = Path.of("src/main/java");
        List<String> violations = new ArrayList<>();
        int scanned = 0;
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                scanned++;
                Matcher m = NAME.matcher(Files.readString(f));
                while (m.find()) {
                    String name = m.group() + ".";
                    if (FORBIDDEN.stream().anyMatch(name::startsWith)) {
                        violations.add(root.relativize(f) + " uses " + m.group());
                    }
                }
            }
        }
        assertThat(scanned).as("main sources found").isGreaterThan(20);
        assertThat(violations).isEmpty();
    }

    @Test
    void theCheckSeesAForbiddenName() {
        Matcher m = NAME.matcher("import dev.oxmeter.store.Store;\nx = dev.oxmeter.facts.Metrics.EMPTY;");
        List<String> hits = new ArrayList<>();
        while (m.find()) {
            String name = m.group() + ".";
            if (FORBIDDEN.stream().anyMatch(name::startsWith)) {
                hits.add(m.group());
            }
        }
        assertThat(hits).containsExactly("dev.oxmeter.store.Store", "dev.oxmeter.facts.Metrics.EMPTY");
    }
}
