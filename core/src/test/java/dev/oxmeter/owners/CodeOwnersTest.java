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
}
