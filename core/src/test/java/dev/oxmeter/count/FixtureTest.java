package dev.oxmeter.count;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oxmeter.language.Language;
import dev.oxmeter.language.LanguageCatalog;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * One test per file under {@code fixtures/}: the file name (and content, for {@code .h} and shebang scripts) must
 * detect the language its expectation line names, and the counts must match. The expectation is tokei-style, in
 * the file's own comment syntax within its first three lines ({@code // 12 lines 8 code 2 comments 2 blanks
 * language=Rust}), or in a sidecar {@code NAME.expected} for languages without comments.
 */
class FixtureTest {
    private static final Pattern EXPECT = Pattern.compile(
            "(\\d+) lines (\\d+) code (\\d+) comments (\\d+) blanks language=(\"[^\"]+\"|[^\\s*]+)");
    private static final LanguageCatalog CATALOG = LanguageCatalog.standard();

    @TestFactory
    Stream<DynamicTest> fixtures() throws IOException, URISyntaxException {
        Path root = root();
        List<Path> files = files(root);
        assertThat(files).hasSizeGreaterThan(40);
        return files.stream().map(p -> DynamicTest.dynamicTest(root.relativize(p).toString(), p.toUri(), () -> check(p)));
    }

    /** A language added to the catalog comes with a fixture that pins how its lines are counted. */
    @Test
    void everyCatalogLanguageHasAFixture() throws IOException, URISyntaxException {
        Set<String> pinned = new TreeSet<>();
        for (Path p : files(root())) {
            pinned.add(expectation(p, Files.readAllBytes(p)).group(5).replace("\"", ""));
        }
        List<String> missing = CATALOG.languages().stream().map(Language::name).filter(n -> !pinned.contains(n))
                .toList();
        assertThat(missing).as("catalog languages without a fixture under fixtures/ (add one whose first lines "
                + "state its expected counts)").isEmpty();
    }

    private static Path root() throws URISyntaxException {
        return Path.of(FixtureTest.class.getResource("/fixtures").toURI());
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().endsWith(".expected"))
                    .filter(p -> !p.getFileName().toString().equals(".gitattributes"))
                    .sorted()
                    .toList();
        }
    }

    private static void check(Path file) throws IOException {
        byte[] data = Files.readAllBytes(file);
        Matcher m = expectation(file, data);
        String expectedLanguage = m.group(5).replace("\"", "");
        LineCounts expected = new LineCounts(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)),
                Long.parseLong(m.group(3)), Long.parseLong(m.group(4)));

        Language language = CATALOG.languageOf(file.getFileName().toString(), data, Math.min(data.length, 65536));
        assertThat(language.name()).as("detected language of %s", file.getFileName()).isEqualTo(expectedLanguage);

        List<Integer> kinds = new ArrayList<>();
        LineCounts actual = LineCounter.classify(language, data, 0, data.length, kinds::add);
        assertThat(actual).as("counts of %s; lines as classified:%n%s", file.getFileName(), listing(data, kinds))
                .isEqualTo(expected);
        assertThat(LineCounter.count(language, data, 0, data.length)).isEqualTo(actual);
        assertThat(actual.lines()).as("physical lines").isEqualTo(physicalLines(data));
    }

    private static Matcher expectation(Path file, byte[] data) throws IOException {
        Path sidecar = file.resolveSibling(file.getFileName() + ".expected");
        String text = Files.exists(sidecar) ? Files.readString(sidecar)
                : new String(data, StandardCharsets.ISO_8859_1).lines().limit(3).reduce("", (a, b) -> a + "\n" + b);
        Matcher m = EXPECT.matcher(text);
        assertThat(m.find()).as("expectation line in %s", file.getFileName()).isTrue();
        return m;
    }

    static long physicalLines(byte[] data) {
        long n = 0;
        for (byte b : data) {
            if (b == '\n') {
                n++;
            }
        }
        return data.length > 0 && data[data.length - 1] != '\n' ? n + 1 : n;
    }

    private static String listing(byte[] data, List<Integer> kinds) {
        String[] lines = new String(data, StandardCharsets.ISO_8859_1).split("\n", -1);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < kinds.size(); i++) {
            sb.append(String.format("%3d %s | %s%n", i + 1, "BCM".charAt(kinds.get(i)), lines[i].replace("\r", "\\r")));
        }
        return sb.toString();
    }
}
