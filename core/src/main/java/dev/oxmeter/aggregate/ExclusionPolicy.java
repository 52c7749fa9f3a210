package dev.oxmeter.aggregate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which files are left out of language totals, and why: the user's {@code --exclude} patterns first, then the
 * {@code linguist-vendored} / {@code linguist-generated} attributes in force for the path, then the built-in
 * vendored and generated paths of {@link PathRules} (an attribute set to {@code false} overrides those);
 * {@code includeVendored} turns all of it off. The one rule every command applies, to tree entries and to the files
 * a commit changes alike.
 *
 * <p>Immutable and thread-safe; a decision costs a lookup of the file name and a match against each other pattern.
 */
public final class ExclusionPolicy {
    private final boolean includeVendored;
    private final Globs user;
    private final Globs vendored;
    private final Globs generated;

    /** One list of patterns, with the plain names among them in a set: a file's name is looked up once. */
    private record Globs(List<PathGlob> all, Set<String> names, List<PathGlob> rest) {
        static Globs of(List<PathGlob> globs) {
            Set<String> names = new HashSet<>();
            List<PathGlob> rest = new ArrayList<>();
            for (PathGlob g : globs) {
                if (g.nameLiteral() != null) {
                    names.add(g.nameLiteral());
                } else {
                    rest.add(g);
                }
            }
            return new Globs(List.copyOf(globs), Set.copyOf(names), List.copyOf(rest));
        }
    }

    /**
     * @param excludes        user patterns ({@link PathGlob}, as {@code --exclude})
     * @param includeVendored when true nothing is excluded
     */
    public ExclusionPolicy(List<String> excludes, boolean includeVendored) {
        PathRules rules = new PathRules(excludes);
        this.includeVendored = includeVendored;
        this.user = Globs.of(rules.userGlobs());
        this.vendored = Globs.of(rules.vendoredGlobs());
        this.generated = Globs.of(rules.generatedGlobs());
    }

    /** The policy of a scan's options. */
    public static ExclusionPolicy of(ScanOptions options) {
        return new ExclusionPolicy(options.excludes(), options.includeVendored());
    }

    /** Whether no file is ever excluded (so a caller may skip finding a path's attributes). */
    public boolean excludesNothing() {
        return includeVendored;
    }

    /**
     * Why the file at {@code path} is left out, {@link ExclusionReason#NONE} when it counts.
     *
     * @param attributes the git attributes in force for {@code path} (only the {@code linguist-*} ones are read)
     */
    public ExclusionReason reason(String path, Map<String, String> attributes) {
        if (includeVendored) {
            return ExclusionReason.NONE;
        }
        return directory(path.substring(0, path.lastIndexOf('/') + 1)).reason(path, attributes);
    }

    /**
     * The decisions for the files directly in the directory {@code prefix} (empty for the root, else ending with
     * {@code /}): the directory's half of each pattern is matched here, once, so deciding each of its files tests
     * the file name only.
     */
    public Directory directory(String prefix) {
        if (includeVendored) {
            return Directory.NOTHING;
        }
        String dir = prefix.isEmpty() ? null : prefix.substring(0, prefix.length() - 1);
        return new Directory(false, prefix.length(), dirMatch(user, dir), dirMatch(vendored, dir),
                dirMatch(generated, dir));
    }

    /** The globs that must still see each file: none (null) once a split glob matched the directory. */
    private static Globs dirMatch(Globs globs, String dir) {
        if (dir != null) {
            for (PathGlob g : globs.all()) {
                if (g.splitsAtName() && g.matches(dir)) {
                    return null;
                }
            }
        }
        return globs;
    }

    /** {@link ExclusionPolicy#reason} for the files of one directory. Immutable and thread-safe. */
    public static final class Directory {
        static final Directory NOTHING = new Directory(true, 0, null, null, null);

        private final boolean nothing;
        private final int nameStart;
        /** Per pattern list: null when the directory itself matches, else the globs to test on each file. */
        private final Globs user;
        private final Globs vendored;
        private final Globs generated;

        private Directory(boolean nothing, int nameStart, Globs user, Globs vendored, Globs generated) {
            this.nothing = nothing;
            this.nameStart = nameStart;
            this.user = user;
            this.vendored = vendored;
            this.generated = generated;
        }

        /**
         * Why the file at {@code path} (in this directory) is left out, {@link ExclusionReason#NONE} when it counts.
         *
         * @param attributes the git attributes in force for {@code path}
         */
        public ExclusionReason reason(String path, Map<String, String> attributes) {
            if (nothing) {
                return ExclusionReason.NONE;
            }
            if (matches(user, path)) {
                return ExclusionReason.USER;
            }
            String v = attributes.get("linguist-vendored");
            if ("true".equals(v)) {
                return ExclusionReason.VENDORED;
            }
            String g = attributes.get("linguist-generated");
            if ("true".equals(g)) {
                return ExclusionReason.GENERATED;
            }
            if (!"false".equals(v) && matches(vendored, path)) {
                return ExclusionReason.VENDORED;
            }
            if (!"false".equals(g) && matches(generated, path)) {
                return ExclusionReason.GENERATED;
            }
            return ExclusionReason.NONE;
        }

        /**
         * The decisions for the subdirectory {@code childPrefix} of this directory (this prefix, a name and
         * {@code /}): only the new name is matched, as a directory matches a split pattern when its parent does or
         * its own name does.
         */
        public Directory subdirectory(String childPrefix) {
            if (nothing) {
                return this;
            }
            String dir = childPrefix.substring(0, childPrefix.length() - 1);
            return new Directory(false, childPrefix.length(), below(user, dir), below(vendored, dir),
                    below(generated, dir));
        }

        private Globs below(Globs globs, String dir) {
            if (globs == null) {
                return null;
            }
            for (PathGlob g : globs.all()) {
                if (g.splitsAtName() && g.matchesName(dir, nameStart)) {
                    return null;
                }
            }
            return globs;
        }

        private boolean matches(Globs globs, String path) {
            if (globs == null) {
                return true;
            }
            if (!globs.names().isEmpty() && globs.names().contains(path.substring(nameStart))) {
                return true;
            }
            for (PathGlob glob : globs.rest()) {
                if (glob.splitsAtName() ? glob.matchesName(path, nameStart) : glob.matches(path)) {
                    return true;
                }
            }
            return false;
        }
    }
}
