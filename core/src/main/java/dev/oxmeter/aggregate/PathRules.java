package dev.oxmeter.aggregate;

import java.util.List;

/**
 * Built-in knowledge of vendored and generated paths (linguist's most common cases, plus the kernel's vendored
 * crates and bindgen output), combined with the user's {@code --exclude} patterns.
 *
 * <p>Immutable and thread-safe. Bump {@link #VERSION} whenever the built-in lists change.
 */
public final class PathRules {
    public static final int VERSION = 1;

    /** Directories whose content is third-party code. */
    static final List<String> VENDORED = List.of(
            "vendor", "vendored", "third_party", "third-party", "thirdparty", "3rdparty", "node_modules",
            "bower_components",
            // Linux: third-party Rust crates copied into the tree (see docs/exclusions in the README).
            "rust/syn/", "rust/quote/", "rust/proc-macro2/", "rust/alloc/");

    /** Files that are machine-written. */
    static final List<String> GENERATED = List.of(
            "*_generated.rs", "*.min.js", "*.min.css", "*.pb.go", "*.pb.c", "*.pb.h", "*.pb.cc", "*_pb2.py",
            "package-lock.json", "yarn.lock", "pnpm-lock.yaml", "Cargo.lock", "go.sum", "poetry.lock");

    private final List<PathGlob> vendored;
    private final List<PathGlob> generated;
    private final List<PathGlob> user;

    public PathRules(List<String> userExcludes) {
        this.vendored = VENDORED.stream().map(PathGlob::compile).toList();
        this.generated = GENERATED.stream().map(PathGlob::compile).toList();
        this.user = userExcludes.stream().map(PathGlob::compile).toList();
    }

    public boolean userExcluded(String path) {
        return anyMatch(user, path);
    }

    public boolean builtinVendored(String path) {
        return anyMatch(vendored, path);
    }

    public boolean builtinGenerated(String path) {
        return anyMatch(generated, path);
    }

    List<PathGlob> userGlobs() {
        return user;
    }

    List<PathGlob> vendoredGlobs() {
        return vendored;
    }

    List<PathGlob> generatedGlobs() {
        return generated;
    }

    private static boolean anyMatch(List<PathGlob> globs, String path) {
        for (PathGlob g : globs) {
            if (g.matches(path)) {
                return true;
            }
        }
        return false;
    }
}
