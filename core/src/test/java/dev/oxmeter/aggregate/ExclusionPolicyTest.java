package dev.oxmeter.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExclusionPolicyTest {
    private static final List<String> USER = List.of("docs", "*.gen.c", "tools/scripts/", "src/**/fixtures/*.rs",
            "[ab]lib", "build?");

    /** The rule written out path by path, pattern by pattern: what the per-directory split must equal. */
    private static ExclusionReason reference(PathRules rules, String path, Map<String, String> attrs) {
        if (rules.userExcluded(path)) {
            return ExclusionReason.USER;
        }
        String v = attrs.get("linguist-vendored");
        if ("true".equals(v)) {
            return ExclusionReason.VENDORED;
        }
        String g = attrs.get("linguist-generated");
        if ("true".equals(g)) {
            return ExclusionReason.GENERATED;
        }
        if (!"false".equals(v) && rules.builtinVendored(path)) {
            return ExclusionReason.VENDORED;
        }
        if (!"false".equals(g) && rules.builtinGenerated(path)) {
            return ExclusionReason.GENERATED;
        }
        return ExclusionReason.NONE;
    }

    @Test
    void deciding_per_directory_equals_matching_every_pattern_against_the_whole_path() {
        List<String> dirs = List.of("", "src/", "vendor/", "src/vendor/", "a/vendored/b/", "rust/", "rust/syn/",
                "rust/syn/src/", "rust/synx/", "xrust/syn/", "docs/", "src/docs/", "tools/scripts/", "tools/",
                "src/x/fixtures/", "src/fixtures/", "alib/", "clib/", "build1/", "build/", "node_modules/x/",
                "third_party/", "pkg/Cargo.lock/");
        List<String> names = List.of("main.c", "vendor", "Cargo.lock", "x_generated.rs", "_generated.rs",
                "app.min.js", "min.js", "a.gen.c", "docs", "t.rs", "syn", "README", "go.sum", "go.sum.txt",
                "blib", "build2", "scripts");
        List<Map<String, String>> attrs = List.of(Map.of(), Map.of("linguist-vendored", "false"),
                Map.of("linguist-generated", "false"), Map.of("linguist-vendored", "true"),
                Map.of("linguist-generated", "true", "linguist-vendored", "false"));
        PathRules rules = new PathRules(USER);
        ExclusionPolicy policy = new ExclusionPolicy(USER, false);
        List<String> checked = new ArrayList<>();
        for (String d : dirs) {
            ExclusionPolicy.Directory dir = policy.directory(d);
            // the same directory reached from the root one name at a time, as a tree walk does
            ExclusionPolicy.Directory walked = policy.directory("");
            for (int i = d.indexOf('/'); i >= 0; i = d.indexOf('/', i + 1)) {
                walked = walked.subdirectory(d.substring(0, i + 1));
            }
            for (String n : names) {
                String path = d + n;
                for (Map<String, String> a : attrs) {
                    ExclusionReason want = reference(rules, path, a);
                    assertThat(dir.reason(path, a)).as(path + " " + a).isEqualTo(want);
                    assertThat(walked.reason(path, a)).as("walked " + path + " " + a).isEqualTo(want);
                    assertThat(policy.reason(path, a)).as(path + " " + a).isEqualTo(want);
                    if (want != ExclusionReason.NONE) {
                        checked.add(path);
                    }
                }
            }
        }
        // every kind of decision is exercised
        assertThat(checked).contains("rust/syn/src/main.c", "src/vendor/main.c", "rust/syn", "pkg/Cargo.lock/t.rs",
                "src/x/fixtures/t.rs", "alib/main.c", "build1/main.c", "src/docs/README", "a.gen.c",
                "x_generated.rs", "node_modules/x/README");
        assertThat(policy.reason("rust/synx/main.c", Map.of())).isEqualTo(ExclusionReason.NONE);
    }

    @Test
    void include_vendored_excludes_nothing() {
        ExclusionPolicy policy = new ExclusionPolicy(USER, true);
        assertThat(policy.excludesNothing()).isTrue();
        assertThat(policy.reason("vendor/docs/a.gen.c", Map.of("linguist-generated", "true")))
                .isEqualTo(ExclusionReason.NONE);
        assertThat(policy.directory("vendor/").reason("vendor/x.c", Map.of())).isEqualTo(ExclusionReason.NONE);
    }
}
