package dev.oxmeter.toolchain;

import dev.oxmeter.aggregate.PathRules;
import dev.oxmeter.aggregate.ScanOptions;
import dev.oxmeter.model.Oid;
import dev.oxmeter.model.Revision;
import dev.oxmeter.source.BlobContent;
import dev.oxmeter.source.EntryKind;
import dev.oxmeter.source.GitRepo;
import dev.oxmeter.source.MissingObjectError;
import dev.oxmeter.source.ObjectSource;
import dev.oxmeter.source.TreeItem;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Reads the toolchain facts of revisions straight from git objects. Only the files it needs are read: Cargo
 * manifests (and {@code Cargo.toml.in} templates), lock files, rust-toolchain files and the kernel's
 * {@code scripts/min-tool-version.sh}, found in the tree listing. Both kinds of work are content-addressed: the
 * relevant entries below a tree are listed once per tree id (an unchanged subtree of the next release costs one
 * map lookup), and each blob is parsed once per blob id.
 *
 * <p>Not thread-safe: one scanner per run; its memos stay valid across calls.
 */
public final class ToolchainScanner {
    static final String MANIFEST = "Cargo.toml";
    static final String TEMPLATE = "Cargo.toml.in";
    static final String LOCK = "Cargo.lock";
    /** Directory names whose lock files and manifests serve tests, examples, fuzzing or benchmarks. */
    static final Set<String> TEST_DIRS = Set.of("test", "tests", "testdata", "testing", "example", "examples",
            "fuzz", "benches");
    /**
     * The kernel's vendored crates, copied in without a Cargo.toml (the same directories {@link PathRules}
     * excludes from language totals); vendored crates elsewhere are found by their manifest.
     */
    static final Set<String> CRATE_DIRS_WITHOUT_MANIFEST = Set.of("rust/syn", "rust/quote", "rust/proc-macro2",
            "rust/alloc");

    /** The version of the listings kept between runs: change it with {@link #INTERESTING} or {@code prune}. */
    public static final String LISTING_VERSION = "1";

    private static final Set<String> INTERESTING = Set.of(MANIFEST, TEMPLATE, LOCK, ToolchainFile.LEGACY,
            ToolchainFile.TOML, "min-tool-version.sh");

    private final GitRepo repo;
    private final ScanOptions options;
    private final PathRules rules;
    private final Map<Oid, List<Found>> listings = new HashMap<>();
    private final Map<Oid, CargoManifest> manifests = new HashMap<>();
    private final Map<Oid, CargoManifest> templates = new HashMap<>();
    private final Map<Oid, CargoLock> locks = new HashMap<>();
    private final Map<Oid, ToolchainFile> toolchainFiles = new HashMap<>();
    private final Map<Oid, MinToolVersion> scripts = new HashMap<>();
    private long treesRead;
    private long treesReused;
    private long blobsParsed;
    private long blobsReused;

    /** An entry found below a tree: a file this analysis reads, or a directory that may be a vendored crate. */
    private record Found(String path, EntryKind kind, Oid id) {
    }

    /** What a run cost. */
    public record Stats(long treesRead, long treesReused, long blobsParsed, long blobsReused) {
        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "%,d trees read, %,d subtrees reused, %,d blobs parsed, "
                    + "%,d served from the per-blob cache", treesRead, treesReused, blobsParsed, blobsReused);
        }
    }

    /**
     * @param options the scan rules that apply here: {@code --exclude} globs (matching files are not read),
     *                {@code --include-vendored} (vendored manifests and lock files then count as the project's),
     *                {@code --allow-missing} (an absent blob reads as an absent file) and the blob size limit
     */
    public ToolchainScanner(GitRepo repo, ScanOptions options) {
        this(repo, options, ListingStore.NONE);
    }

    /**
     * A scanner that takes root trees' listings from {@code kept} when it has them and gives it those it had to
     * make, so that a later run over the same releases reads no tree.
     */
    public ToolchainScanner(GitRepo repo, ScanOptions options, ListingStore kept) {
        this.repo = java.util.Objects.requireNonNull(repo, "repo");
        this.options = java.util.Objects.requireNonNull(options, "options");
        this.rules = new PathRules(options.excludes());
        this.kept = java.util.Objects.requireNonNull(kept, "kept");
    }

    private final ListingStore kept;

    public Stats stats() {
        return new Stats(treesRead, treesReused, blobsParsed, blobsReused);
    }

    /** The facts of each revision, in the order given. Cost: new trees and new relevant blobs only. */
    public List<RevisionToolchain> scan(List<Revision> revisions) {
        List<Oid> roots = revisions.stream().map(Revision::tree).distinct().filter(t -> !listings.containsKey(t))
                .toList();
        kept.find(roots).forEach((tree, text) -> listings.put(tree, decode(text)));
        Map<Oid, String> made = new java.util.LinkedHashMap<>();
        List<RevisionToolchain> out = new ArrayList<>();
        try (ObjectSource src = repo.newObjectSource()) {
            for (Revision r : revisions) {
                boolean listed = listings.containsKey(r.tree());
                out.add(scan(src, r));
                if (!listed) {
                    made.put(r.tree(), encode(listings.get(r.tree())));
                }
            }
        }
        if (!made.isEmpty()) {
            kept.save(made);
        }
        return out;
    }

    /**
     * A listing as {@link ListingStore} keeps it: per entry, kind, id and the path's length in chars,
     * tab-separated, then the path and a newline (a git path may hold tabs and newlines).
     */
    private static String encode(List<Found> listing) {
        StringBuilder sb = new StringBuilder();
        for (Found f : listing) {
            sb.append(f.kind().name()).append('\t').append(f.id().hex()).append('\t').append(f.path().length())
                    .append('\t').append(f.path()).append('\n');
        }
        return sb.toString();
    }

    private static List<Found> decode(String text) {
        List<Found> out = new ArrayList<>();
        int at = 0;
        try {
            while (at < text.length()) {
                int t1 = text.indexOf('\t', at);
                int t2 = text.indexOf('\t', t1 + 1);
                int t3 = text.indexOf('\t', t2 + 1);
                int len = Integer.parseInt(text, t2 + 1, t3, 10);
                int end = t3 + 1 + len;
                if (t1 < 0 || t2 < 0 || t3 < 0 || end >= text.length() || text.charAt(end) != '\n') {
                    throw new IllegalArgumentException("bad entry");
                }
                out.add(new Found(text.substring(t3 + 1, end), EntryKind.valueOf(text.substring(at, t1)),
                        Oid.fromHex(text.substring(t1 + 1, t2))));
                at = end + 1;
            }
        } catch (RuntimeException e) {
            throw new IllegalStateException("a kept toolchain listing is damaged near: "
                    + text.substring(at, Math.min(text.length(), at + 80)), e);
        }
        return List.copyOf(out);
    }

    private RevisionToolchain scan(ObjectSource src, Revision r) {
        List<Found> found = list(src, r.tree());
        Map<String, CargoManifest> byPath = new TreeMap<>();
        List<RevisionToolchain.Toolchain> toolchains = new ArrayList<>();
        List<RevisionToolchain.Lock> lockFiles = new ArrayList<>();
        List<String> vendored = new ArrayList<>();
        MinToolVersion kernel = null;
        for (Found f : found) {
            String name = f.path().substring(f.path().lastIndexOf('/') + 1);
            if (f.kind() == EntryKind.TREE) {
                if (CRATE_DIRS_WITHOUT_MANIFEST.contains(f.path())) {
                    vendored.add(f.path());
                }
                continue;
            }
            if (rules.userExcluded(f.path())) {
                continue;
            }
            boolean inVendored = rules.builtinVendored(f.path());
            if (inVendored && name.equals(MANIFEST)) {
                vendored.add(parent(f.path()));
            }
            if (inVendored && !options.includeVendored()) {
                continue; // a vendored crate's files declare nothing for the project
            }
            switch (name) {
                case MANIFEST, TEMPLATE -> {
                    CargoManifest m = name.equals(MANIFEST)
                            ? parsed(src, f.id(), manifests, d -> CargoManifest.parse(d, false))
                            : parsed(src, f.id(), templates, d -> CargoManifest.parse(d, true));
                    if (m != null) {
                        byPath.put(f.path(), m);
                    }
                }
                case LOCK -> {
                    CargoLock lock = parsed(src, f.id(), locks, CargoLock::parse);
                    if (lock != null) {
                        lockFiles.add(new RevisionToolchain.Lock(f.path(), lock.format(), inTestDir(f.path()),
                                lock.packages()));
                    }
                }
                case ToolchainFile.LEGACY, ToolchainFile.TOML -> {
                    ToolchainFile t = parsed(src, f.id(), toolchainFiles, ToolchainFile::parse);
                    if (t != null) {
                        toolchains.add(new RevisionToolchain.Toolchain(f.path(),
                                t.channel() == null ? "" : t.channel(), t.version()));
                    }
                }
                default -> {
                    if (f.path().equals(MinToolVersion.PATH)) {
                        MinToolVersion m = parsed(src, f.id(), scripts, MinToolVersion::parse);
                        kernel = m != null && m.hasRust() ? m : null;
                    }
                }
            }
        }
        List<RevisionToolchain.Manifest> resolved = new ArrayList<>();
        Map<String, Integer> editions = new TreeMap<>();
        RustVersion rootMin = null;
        String rootFrom = "";
        RustVersion projectMax = null;
        String projectFrom = "";
        RustVersion strictest = null;
        String strictestFrom = "";
        for (Map.Entry<String, CargoManifest> e : byPath.entrySet()) {
            RevisionToolchain.Manifest m = resolve(e.getKey(), e.getValue(), byPath);
            resolved.add(m);
            if (!m.edition().isEmpty()) {
                editions.merge(m.edition(), 1, Integer::sum);
            }
            RustVersion v = m.rustVersion();
            if (v == null) {
                continue;
            }
            if (e.getKey().indexOf('/') < 0 && (rootMin == null || v.compareTo(rootMin) > 0)) {
                rootMin = v;
                rootFrom = e.getKey();
            }
            if (!m.testOrExample() && (projectMax == null || v.compareTo(projectMax) > 0)) {
                projectMax = v;
                projectFrom = e.getKey();
            }
            if (strictest == null || v.compareTo(strictest) > 0) {
                strictest = v;
                strictestFrom = e.getKey();
            }
        }
        RustVersion minimum = rootMin != null ? rootMin : projectMax;
        String minimumFrom = rootMin != null ? rootFrom : projectFrom;
        LocalDate date = r.date() == null ? null : r.date().atOffset(ZoneOffset.UTC).toLocalDate();
        return new RevisionToolchain(r.label(), r.commit() == null ? "" : r.commit().hex(), date, resolved, minimum,
                minimumFrom, strictest, strictestFrom, editions, toolchains, kernel, lockFiles,
                outermost(vendored));
    }

    /** Resolves {@code rust-version.workspace = true} and {@code edition.workspace = true} through the root. */
    private RevisionToolchain.Manifest resolve(String path, CargoManifest m, Map<String, CargoManifest> all) {
        boolean test = inTestDir(path);
        if (!m.parsed()) {
            return new RevisionToolchain.Manifest(path, "", null, "unresolved", "", test);
        }
        CargoManifest root = m.rustVersionInherited() || m.editionInherited() ? workspaceRoot(path, m, all) : null;
        RustVersion version = null;
        String declared = "";
        if (m.rustVersionInherited()) {
            version = root == null ? null : RustVersion.parse(root.workspaceRustVersion());
            declared = version == null ? "unresolved" : "workspace";
        } else if (m.rustVersion() != null) {
            version = RustVersion.parse(m.rustVersion());
            declared = version == null ? "unresolved" : "package";
        } else if (!m.hasPackage() && m.workspaceRustVersion() != null) {
            version = RustVersion.parse(m.workspaceRustVersion());
            declared = version == null ? "unresolved" : "workspace.package";
        }
        String edition = "";
        if (m.hasPackage()) {
            if (m.editionInherited()) {
                edition = root == null || root.workspaceEdition() == null ? "" : root.workspaceEdition();
            } else {
                edition = m.edition() == null ? "2015" : m.edition();
            }
        }
        return new RevisionToolchain.Manifest(path, m.packageName() == null ? "" : m.packageName(), version,
                declared, edition, test);
    }

    /**
     * The workspace root of a member, as Cargo finds it: {@code package.workspace} when given, else the nearest
     * manifest with a {@code [workspace]} table in this directory or above (of the same kind, manifest or template).
     */
    private static CargoManifest workspaceRoot(String path, CargoManifest m, Map<String, CargoManifest> all) {
        String file = path.substring(path.lastIndexOf('/') + 1);
        String dir = parent(path);
        if (m.workspacePath() != null) {
            CargoManifest r = all.get(join(normalize(join(dir, m.workspacePath())), file));
            return r != null && r.workspace() ? r : null;
        }
        for (String d = dir; d != null; d = d.isEmpty() ? null : parent(d)) {
            CargoManifest r = all.get(join(d, file));
            if (r != null && r.workspace()) {
                return r;
            }
        }
        return null;
    }

    private <T> T parsed(ObjectSource src, Oid id, Map<Oid, T> cache, Function<byte[], T> parser) {
        T v = cache.get(id);
        if (v != null) {
            blobsReused++;
            return v;
        }
        BlobContent c;
        try {
            c = src.blob(id, options.maxBlobBytes(), 0);
        } catch (MissingObjectError e) {
            if (!options.allowMissing()) {
                throw e;
            }
            return null; // absent from a partial clone: read as if the file were not there (not cached)
        }
        // a file over --max-blob-size is not loaded: it then declares nothing (no real Cargo file comes near)
        byte[] data = c.truncated() ? new byte[0] : c.length() == c.data().length ? c.data()
                : java.util.Arrays.copyOf(c.data(), c.length());
        v = parser.apply(data);
        blobsParsed++;
        cache.put(id, v);
        return v;
    }

    /** The relevant entries below {@code tree}, with paths relative to it; memoized by tree id. */
    private List<Found> list(ObjectSource src, Oid tree) {
        List<Found> known = listings.get(tree);
        if (known != null) {
            treesReused++;
            return known;
        }
        treesRead++;
        List<Found> out = new ArrayList<>();
        for (TreeItem item : src.tree(tree)) {
            if (item.kind() == EntryKind.TREE) {
                out.add(new Found(item.name(), EntryKind.TREE, item.id()));
                for (Found f : list(src, item.id())) {
                    out.add(new Found(item.name() + "/" + f.path(), f.kind(), f.id()));
                }
            } else if (item.kind().isRegularFile() && INTERESTING.contains(item.name())) {
                out.add(new Found(item.name(), item.kind(), item.id()));
            }
        }
        List<Found> kept = prune(out);
        listings.put(tree, kept);
        return kept;
    }

    /**
     * Keeps files, and directories only where they may matter: a directory entry is dropped unless its path may
     * end as one of the kernel's manifest-less crate directories, so listings stay as small as the files they hold.
     */
    private static List<Found> prune(List<Found> out) {
        List<Found> kept = new ArrayList<>(out.size());
        for (Found f : out) {
            if (f.kind() != EntryKind.TREE || mayBeCrateDir(f.path())) {
                kept.add(f);
            }
        }
        return List.copyOf(kept);
    }

    private static boolean mayBeCrateDir(String relative) {
        for (String d : CRATE_DIRS_WITHOUT_MANIFEST) {
            if (d.equals(relative) || d.endsWith("/" + relative)) {
                return true;
            }
        }
        return false;
    }

    static boolean inTestDir(String path) {
        String[] parts = path.split("/");
        for (int i = 0; i < parts.length - 1; i++) {
            if (TEST_DIRS.contains(parts[i])) {
                return true;
            }
        }
        return false;
    }

    /** Drops vendored directories that lie inside another one (a vendored crate's own examples, say). */
    private static List<String> outermost(List<String> dirs) {
        List<String> sorted = new ArrayList<>(new java.util.TreeSet<>(dirs));
        List<String> out = new ArrayList<>();
        for (String d : sorted) {
            boolean inner = false;
            for (String o : out) {
                inner |= d.startsWith(o + "/");
            }
            if (!inner) {
                out.add(d);
            }
        }
        return out;
    }

    private static String parent(String path) {
        int i = path.lastIndexOf('/');
        return i < 0 ? "" : path.substring(0, i);
    }

    private static String join(String dir, String name) {
        return dir.isEmpty() ? name : dir + "/" + name;
    }

    private static String normalize(String path) {
        List<String> parts = new ArrayList<>();
        for (String p : path.split("/")) {
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                if (!parts.isEmpty()) {
                    parts.remove(parts.size() - 1);
                }
            } else {
                parts.add(p);
            }
        }
        return String.join("/", parts);
    }
}
