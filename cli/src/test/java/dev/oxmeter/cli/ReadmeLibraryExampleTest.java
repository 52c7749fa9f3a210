package dev.oxmeter.cli;

import static dev.oxmeter.source.TestRepos.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import dev.oxmeter.source.TestRepos;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Use as a Java library" example compiles as written against the library and its dependencies, runs,
 * and prints per release the Rust code lines and Rust share that {@code oxmeter history} reports.
 */
class ReadmeLibraryExampleTest {
    @TempDir
    Path tmp;

    /** Releases v1.0, v1.1 and v2.0 (v2.0-rc1 and a non-version tag are not releases); Rust arrives in v1.1. */
    private Path repository() throws Exception {
        Path repo = tmp.resolve("r.git");
        try (TestRepos t = TestRepos.bare(repo)) {
            TestRepos.Snapshot s = snapshot();
            s.file("src/main.c", "int main(void) {\n    return 0;\n}\n").file("README", "text\n");
            t.commit(s.at("2024-01-10T12:00:00Z"));
            t.tag("v1.0");
            s.file("rust/lib.rs", "// the library\nfn a() {}\n\nfn b() {}\n");
            t.commit(s.at("2024-02-10T12:00:00Z"));
            t.tag("v1.1");
            s.file("rust/more.rs", "fn c() {\n    let x = 1;\n}\n");
            t.commit(s.at("2024-03-10T12:00:00Z"));
            t.tag("v2.0-rc1");
            t.tag("nightly");
            s.file("src/util.c", "/* util */\nint u;\n");
            t.commit(s.at("2024-04-10T12:00:00Z"));
            t.tag("v2.0");
        }
        return repo;
    }

    /** The first ```java block of the README and its public class's name. */
    static String example() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        int section = readme.indexOf("## Use as a Java library");
        assertThat(section).as("README section").isNotNegative();
        Matcher m = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertThat(m.find(section)).as("a java block in the section").isTrue();
        return m.group(1);
    }

    @Test
    void readmeExampleCompilesRunsAndAgreesWithHistory() throws Exception {
        String source = example();
        Matcher cls = Pattern.compile("public class (\\w+)").matcher(source);
        assertThat(cls.find()).isTrue();
        Path src = Files.createDirectories(tmp.resolve("src")).resolve(cls.group(1) + ".java");
        Files.writeString(src, source);
        Path classes = Files.createDirectories(tmp.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int rc = javac.run(null, diagnostics, diagnostics, "-classpath", classpath(), "-d", classes.toString(),
                src.toString());
        assertThat(rc).as(diagnostics.toString(StandardCharsets.UTF_8)).isZero();

        Path repo = repository();
        String printed;
        PrintStream saved = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                getClass().getClassLoader())) {
            Method main = loader.loadClass(cls.group(1)).getMethod("main", String[].class);
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            main.invoke(null, (Object) new String[] {repo.toString()});
        } finally {
            System.setOut(saved);
        }
        printed = out.toString(StandardCharsets.UTF_8);

        Map<String, String[]> history = history(repo);
        assertThat(history.keySet()).containsExactly("v1.0", "v1.1", "v2.0");
        List<String> lines = printed.lines().toList();
        assertThat(lines).hasSize(history.size());
        List<String> labels = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.split(" ");
            assertThat(f).as(line).hasSize(3);
            labels.add(f[0]);
            String[] h = history.get(f[0]);
            assertThat(h).as("history has " + f[0]).isNotNull();
            assertThat(Long.parseLong(f[1])).as("Rust code at " + f[0]).isEqualTo(Long.parseLong(h[0]));
            assertThat(Double.parseDouble(f[2])).as("Rust share at " + f[0])
                    .isCloseTo(Double.parseDouble(h[1]), org.assertj.core.data.Offset.offset(0.00500001));
        }
        assertThat(labels).containsExactlyElementsOf(history.keySet());
        // the fixture's own numbers: at v1.1, 2 lines of Rust code of 5 programming lines (3 of them C)
        assertThat(lines.get(1)).isEqualTo("v1.1 2 40.00");
        assertThat(lines.get(0)).isEqualTo("v1.0 0 0.00");
    }

    /** Per revision of {@code oxmeter history}'s CSV: Rust code lines (0 without a Rust row) and the Rust share. */
    private static Map<String, String[]> history(Path repo) {
        Cli.Result r = Cli.run("history", repo.toString(), "--format", "csv", "--no-store", "-q");
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> rows = r.out().lines().toList();
        List<String> cols = List.of(rows.get(0).split(","));
        int revision = cols.indexOf("revision");
        int language = cols.indexOf("language");
        int code = cols.indexOf("code");
        int share = cols.indexOf("rust_share");
        Map<String, String[]> out = new LinkedHashMap<>();
        for (String row : rows.subList(1, rows.size())) {
            String[] f = row.split(",");
            String[] v = out.computeIfAbsent(f[revision], k -> new String[] {"0", null});
            v[1] = f[share];
            if (f[language].equals("Rust")) {
                v[0] = f[code];
            }
        }
        return out;
    }

    /** The test's class path: the library, its dependencies (surefire names them apart from its own jar). */
    private static String classpath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
    }
}
