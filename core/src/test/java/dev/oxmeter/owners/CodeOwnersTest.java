package dev.oxmeter.owners;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CodeOwnersTest {

    private static final CodeOwners GITHUB = CodeOwners.parse(KernelData.resource("CODEOWNERS.fixture"));
    private static final CodeOwners GITLAB = CodeOwners.parse(KernelData.resource("CODEOWNERS.gitlab.fixture"));

    private static Optional<String> winner(CodeOwners c, String path) {
        return c.match(path).map(CodeOwnersRule::pattern);
    }

    @Test
    void parsesRulesAndReportsNegation() {
        assertThat(GITHUB.rules()).hasSize(13);
        assertThat(GITHUB.rules().get(1)).isEqualTo(new CodeOwnersRule("*.rs", List.of("@org/rust-team"), 3, ""));
        assertThat(GITHUB.problems()).singleElement().asString().contains("line 15").contains("!/negated/");
    }

    @Test
    void lastMatchingLineWins() {
        assertThat(winner(GITHUB, "README.md")).contains("*");
        assertThat(winner(GITHUB, "drivers/net/phy/qt2025.rs")).contains("*.rs");
        assertThat(winner(GITHUB, "rust/kernel/alloc.rs")).contains("/rust/kernel/alloc.rs");
        assertThat(GITHUB.match("rust/kernel/alloc.rs").orElseThrow().owners()).containsExactly("@alloc-owner");
    }

    @Test
    void anchoredAndUnanchoredDirectories() {
        // /build/logs/ matches, but the later **/logs covers the same files and wins
        assertThat(GITHUB.rules().get(2).pattern()).isEqualTo("/build/logs/");
        assertThat(winner(GITHUB, "build/logs/today/x.log")).contains("**/logs");
        assertThat(CodeOwners.parse("/build/logs/ @d\n").match("build/logs/today/x.log")).isPresent();
        assertThat(CodeOwners.parse("/build/logs/ @d\n").match("src/build/logs/x.log")).isEmpty();
        // apps/ has only a trailing slash: any apps directory at any depth
        assertThat(winner(GITHUB, "web/apps/main.c")).contains("apps/");
        assertThat(winner(GITHUB, "apps")).contains("*"); // a file named apps is not the directory
        // /scripts/ is anchored at the root
        assertThat(winner(GITHUB, "scripts/checkpatch.pl")).contains("/scripts/");
        assertThat(winner(GITHUB, "tools/scripts/x.sh")).contains("*");
    }

    @Test
    void starStaysInItsDirectory() {
        assertThat(winner(GITHUB, "docs/getting-started.md")).contains("docs/*");
        assertThat(winner(GITHUB, "docs/build-app/troubleshooting.md")).contains("*");
        // docs/* has a slash in the middle, so it is anchored at the root
        assertThat(winner(GITHUB, "sub/docs/a.md")).contains("*");
    }

    @Test
    void doubleStars() {
        assertThat(winner(GITHUB, "logs")).contains("**/logs");
        assertThat(winner(GITHUB, "a/b/logs/x.txt")).contains("**/logs");
        assertThat(winner(GITHUB, "drivers/gpu/nova/x.rs")).contains("/drivers/**/nova/");
        assertThat(winner(GITHUB, "drivers/nova/x.c")).contains("/drivers/**/nova/");
        assertThat(CodeOwners.toRegex("docs/**")).isEqualTo("docs/.*(?:/.*)?");
    }

    @Test
    void patternWithoutSlashAtTheEndAlsoNamesADirectory() {
        assertThat(winner(GITHUB, "drivers/gpu/drm/tyr/tyr.rs")).contains("/drivers/gpu/drm/tyr");
        assertThat(winner(GITHUB, "drivers/gpu/drm/tyr")).contains("/drivers/gpu/drm/tyr");
        assertThat(winner(GITHUB, "drivers/gpu/drm/tyrant.c")).contains("*");
    }

    @Test
    void questionMarkEscapesAndUnowned() {
        assertThat(winner(GITHUB, "src/config.tsx")).contains("/src/config.ts?");
        assertThat(winner(GITHUB, "src/config.ts")).contains("*");
        assertThat(winner(GITHUB, "path with space.txt")).contains("path with space.txt");
        CodeOwnersRule unowned = GITHUB.match("unowned/x.c").orElseThrow();
        assertThat(unowned.owners()).isEmpty();
        assertThat(GITHUB.owners("unowned/x.c")).containsExactly(new Owner("/unowned/", List.of()));
    }

    @Test
    void noRuleNoOwner() {
        CodeOwners c = CodeOwners.parse("/only/here/ @a\n");
        assertThat(c.match("elsewhere.c")).isEmpty();
        assertThat(c.owners("elsewhere.c")).isEmpty();
        assertThat(c.match("/only/here/x")).isPresent(); // a leading slash on the path is tolerated
    }

    @Test
    void gitlabSectionsAndDefaultOwners() {
        assertThat(GITLAB.rules()).extracting(CodeOwnersRule::section).containsExactly("", "Documentation",
                "Documentation", "Optional Rust", "Optional Rust");
        assertThat(GITLAB.rules().get(1).owners()).containsExactly("@docs-team");
        assertThat(GITLAB.rules().get(2).owners()).containsExactly("@readme-owner");
        // one winner per section, all apply
        assertThat(GITLAB.matchBySection("rust/kernel/lib.rs")).extracting(CodeOwnersRule::pattern)
                .containsExactly("*", "/rust/kernel/");
        assertThat(GITLAB.owners("docs/x.rs")).extracting(Owner::name).containsExactly("*", "docs/", "*.rs");
        // the file-wide last match is still available
        assertThat(winner(GITLAB, "docs/x.rs")).contains("*.rs");
    }

    @Test
    void crlfAndComments() {
        CodeOwners c = CodeOwners.parse("# c\r\n\r\n*.c @c-team # why\r\n\\#hash.c @hash\r\n");
        assertThat(c.rules()).extracting(CodeOwnersRule::pattern).containsExactly("*.c", "#hash.c");
        assertThat(c.match("x/y.c").orElseThrow().owners()).containsExactly("@c-team");
        assertThat(winner(c, "#hash.c")).contains("#hash.c");
    }

    @Test
    void bothFormatsBehindOneInterface() {
        Ownership maintainers = OwnershipMatcher.of(Maintainers.parse("RUST\nM:\tA <a@x>\nF:\trust/\n"));
        Ownership codeowners = CodeOwners.parse("/rust/ @rust-team\n");
        for (Ownership o : List.of(maintainers, codeowners)) {
            assertThat(o.owners("rust/kernel/lib.rs")).hasSize(1);
            assertThat(o.owners("fs/ext4/inode.c")).isEmpty();
        }
    }

    /** Every rule tested against the path, last match wins per section: what the index must agree with. */
    private static final java.util.Map<String, com.google.re2j.Pattern> COMPILED =
            new java.util.concurrent.ConcurrentHashMap<>();

    private static List<String> bruteForce(CodeOwners c, String path) {
        java.util.Map<String, String> winners = new java.util.LinkedHashMap<>();
        for (CodeOwnersRule r : c.rules()) {
            winners.putIfAbsent(r.section(), null);
            if (COMPILED.computeIfAbsent(r.pattern(), p -> com.google.re2j.Pattern.compile(CodeOwners.toRegex(p)))
                    .matcher(path).matches()) {
                winners.put(r.section(), r.pattern() + "@" + r.line());
            }
        }
        return winners.values().stream().filter(java.util.Objects::nonNull).toList();
    }

    private static final String[] NAMES = {"src", "lib", "docs", "test", "tests", "a", "b", "logs", "build", "x.c",
        "y.rs", "Makefile", "README.md", "a.js", "b.min.js", "test_x.py", "apps", "kernel", "t.txt", ".github"};
    private static final String[] SHAPES = {"*", "*.js", "*.rs", "test_*", "a*", "*a*", "?.c", "**", "**/logs",
        "logs/**", "a/**/b", "src/*", "/src/", "src/", "/docs/*.md", "docs/", "Makefile", "/x.c", "**.js",
        "/src/*/test/", "lib/?/", "/", "*.min.js", "a**b", "apps", "/build/logs/", "kernel/*.rs", "?", "*/test/*"};

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void indexAgreesWithTestingEveryRule(long seed) {
        java.util.Random rnd = new java.util.Random(seed);
        StringBuilder file = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            if (seed % 2 == 0 && i % 50 == 0) {
                file.append("[S").append(rnd.nextInt(3)).append("] @default\n");
            }
            String pattern = rnd.nextBoolean() ? SHAPES[rnd.nextInt(SHAPES.length)] : randomPath(rnd, true);
            file.append(pattern).append(" @o").append(i).append('\n');
        }
        CodeOwners c = CodeOwners.parse(file.toString());
        for (int i = 0; i < 2000; i++) {
            String path = randomPath(rnd, false);
            List<String> got = c.matchBySection(path).stream().map(r -> r.pattern() + "@" + r.line()).toList();
            List<String> expected = bruteForce(c, path);
            if (!got.equals(expected)) {
                assertThat(got).as(path).isEqualTo(expected);
            }
            if (seed % 2 == 1) {
                Optional<String> one = c.match(path).map(r -> r.pattern() + "@" + r.line());
                if (!one.equals(expected.isEmpty() ? Optional.empty() : Optional.of(expected.get(0)))) {
                    assertThat(one).as(path).isEqualTo(expected.isEmpty() ? Optional.empty()
                            : Optional.of(expected.get(0)));
                }
            }
        }
    }

    private static String randomPath(java.util.Random rnd, boolean pattern) {
        StringBuilder b = new StringBuilder(pattern && rnd.nextInt(3) == 0 ? "/" : "");
        int depth = 1 + rnd.nextInt(4);
        for (int d = 0; d < depth; d++) {
            b.append(d == 0 ? "" : "/").append(NAMES[rnd.nextInt(NAMES.length)]);
        }
        if (pattern && rnd.nextInt(4) == 0) {
            b.append('/');
        }
        return b.toString();
    }

    @Test
    void tenThousandRulesOverFiveThousandPathsAreQuick() {
        java.util.Random rnd = new java.util.Random(42);
        StringBuilder file = new StringBuilder("* @everyone\n*.js @web\n");
        List<String> paths = new java.util.ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            paths.add("dir" + rnd.nextInt(200) + "/sub" + rnd.nextInt(20) + "/file" + i + (i % 3 == 0 ? ".js" : ".c"));
        }
        for (int i = 0; i < 10000; i++) {
            switch (i % 4) {
                case 0 -> file.append("/dir").append(rnd.nextInt(200)).append("/sub").append(rnd.nextInt(20)).append('/');
                case 1 -> file.append('/').append(paths.get(rnd.nextInt(paths.size())));
                case 2 -> file.append("/dir").append(rnd.nextInt(200)).append("/*/file").append(rnd.nextInt(5000)).append("*");
                default -> file.append("file").append(rnd.nextInt(5000)).append(".c");
            }
            file.append(" @team").append(i).append('\n');
        }
        CodeOwners c = CodeOwners.parse(file.toString());
        long t0 = System.nanoTime();
        long owned = paths.stream().filter(p -> c.match(p).isPresent()).count();
        double secs = (System.nanoTime() - t0) / 1e9;
        assertThat(owned).isEqualTo(paths.size());
        for (int i = 0; i < 50; i++) {
            String p = paths.get(rnd.nextInt(paths.size()));
            assertThat(c.matchBySection(p).stream().map(r -> r.pattern() + "@" + r.line()).toList())
                    .isEqualTo(bruteForce(c, p));
        }
        // testing every rule against every path took tens of seconds; the index needs a fraction of one
        assertThat(secs).isLessThan(5.0);
    }
}
