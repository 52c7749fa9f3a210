package dev.oxmeter.change;

import dev.oxmeter.OxmeterException;
import dev.oxmeter.aggregate.CompositionEngine;
import dev.oxmeter.aggregate.FileRow;
import dev.oxmeter.aggregate.OwnerRollup;
import dev.oxmeter.facts.CHelper;
import dev.oxmeter.facts.CHelperAnalysis;
import dev.oxmeter.facts.CHelperScanner;
import dev.oxmeter.facts.BlobFacts;
import dev.oxmeter.facts.RustSafetyAnalysis;
import dev.oxmeter.facts.RustSites;
import dev.oxmeter.language.Category;
import dev.oxmeter.language.Language;
import dev.oxmeter.language.LanguageCatalog;
import dev.oxmeter.model.Composition;
import dev.oxmeter.model.Oid;
import dev.oxmeter.model.Revision;
import dev.oxmeter.model.Rows;
import dev.oxmeter.model.Totals;
import dev.oxmeter.owners.Ownership;
import dev.oxmeter.owners.OwnershipFiles;
import dev.oxmeter.source.BlobContent;
import dev.oxmeter.source.GitRepo;
import dev.oxmeter.source.ObjectSource;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares two revisions for {@code oxmeter diff} and {@code oxmeter check}.
 *
 * <p>Compositions and per-file facts come from the {@link CompositionEngine} (so from the store when it holds
 * them). Sites are compared as multisets of fingerprints over all files, so a site that moves within its file,
 * to another file, or with its renamed file is neither added nor removed. Only files whose content differs
 * between the two revisions are read again: a blob present on both sides contributes the same sites to both
 * and is skipped, so the cost is one read and one scan of each changed Rust or C file that has unsafe sites or
 * helpers.
 *
 * <p>Not thread-safe (it drives the engine); one analyzer per run.
 */
public final class ChangeAnalyzer {

    private final GitRepo repo;
    private final CompositionEngine engine;
    private final LanguageCatalog catalog;
    private final long maxBlobBytes;

    public ChangeAnalyzer(GitRepo repo, CompositionEngine engine, LanguageCatalog catalog, long maxBlobBytes) {
        this.repo = repo;
        this.engine = engine;
        this.catalog = catalog;
        this.maxBlobBytes = maxBlobBytes;
    }

    /**
     * Resolves the base revision of a comparison; when it is not in the repository, the message names it and, for
     * a shallow clone, says how to get the history.
     */
    public static Revision resolveBase(GitRepo repo, String rev) {
        try {
            return repo.resolve(rev);
        } catch (OxmeterException e) {
            String m = String.valueOf(e.getMessage());
            if (!m.startsWith("unknown revision") && !m.contains("missing from the repository")) {
                throw e; // ambiguous, malformed, or not a commit: the engine's message says it best
            }
            if (repo.isShallow()) {
                throw new OxmeterException("base revision '" + rev + "' is not in this shallow clone ("
                        + e.getMessage() + "): fetch the history, e.g. actions/checkout with 'fetch-depth: 0', "
                        + "GitLab's GIT_DEPTH: 0, or 'git fetch --unshallow'", e);
            }
            throw new OxmeterException("base revision '" + rev + "' not found (" + e.getMessage()
                    + "); check its name, or fetch it first (e.g. 'git fetch origin main')", e);
        }
    }

    /** The text of a file at the root of {@code rev}, if it has one (a regular file). One tree walk. */
    public Optional<String> rootFile(Revision rev, String name) {
        for (FileRow f : files(rev)) {
            if (f.path().equals(name) && f.kind().isRegularFile()) {
                return Optional.of(new String(bytes(f.blob()), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }

    private final Map<Revision, List<FileRow>> filesMemo = new HashMap<>();

    private List<FileRow> files(Revision rev) {
        return filesMemo.computeIfAbsent(rev, r -> {
            List<FileRow> out = new ArrayList<>();
            engine.files(r, out::add);
            return out;
        });
    }

    /** Compares {@code base} with {@code head}. */
    public ChangeReport compare(Revision base, Revision head) {
        Map<Revision, Composition> comps = engine.compose(List.of(base, head));
        Composition cb = comps.get(base);
        Composition ch = comps.get(head);
        List<FileRow> fb = files(base);
        List<FileRow> fh = files(head);

        List<LanguageDelta> languages = languages(cb, ch);
        List<MetricDelta> metrics = metrics(cb, ch);

        List<ChangeSite> sb = new ArrayList<>();
        List<ChangeSite> sh = new ArrayList<>();
        changedSites(fb, fh, sb, sh);
        List<ChangeSite> unsafeBase = sb.stream().filter(s -> s.kind() != SiteKind.C_HELPER).toList();
        List<ChangeSite> unsafeHead = sh.stream().filter(s -> s.kind() != SiteKind.C_HELPER).toList();
        List<ChangeSite> helpersBase = sb.stream().filter(s -> s.kind() == SiteKind.C_HELPER).toList();
        List<ChangeSite> helpersHead = sh.stream().filter(s -> s.kind() == SiteKind.C_HELPER).toList();

        List<ChangeSite> annotated = new ArrayList<>();
        Set<String> headAnnotated = new HashSet<>();
        helpersHead.stream().filter(ChangeSite::documented).forEach(s -> headAnnotated.add(s.fingerprint()));
        Set<String> seen = new HashSet<>();
        for (ChangeSite s : helpersBase) {
            if (!s.documented() && headAnnotated.contains(s.fingerprint()) && seen.add(s.fingerprint())) {
                helpersHead.stream().filter(h -> h.documented() && h.fingerprint().equals(s.fingerprint()))
                        .findFirst().ifPresent(annotated::add);
            }
        }

        Map.Entry<String, Ownership> owners = ownership(fh);

        return new ChangeReport(base.label(), base.commit() == null ? null : base.commit().hex(), head.label(),
                head.commit() == null ? null : head.commit().hex(), languages, rustShare(cb), rustShare(ch), metrics,
                minus(unsafeHead, unsafeBase), minus(unsafeBase, unsafeHead),
                minus(undocumented(unsafeHead), undocumented(unsafeBase)),
                minus(helpersHead, helpersBase), minus(helpersBase, helpersHead),
                minus(undocumented(helpersHead), undocumented(helpersBase)), annotated,
                languageMoves(fb, fh), newFiles(fb, fh), owners.getKey(), owners(fb, fh, owners.getValue()));
    }

    // ---- composition ------------------------------------------------------------------------------------------

    private boolean isProgramming(String row) {
        return Rows.isLanguage(row)
                && catalog.byName(row).map(Language::category).orElse(Category.OTHER) == Category.PROGRAMMING;
    }

    /** Rust code ÷ code of all programming languages × 100, as {@code oxmeter history} computes it. */
    double rustShare(Composition c) {
        long programming = 0;
        for (Map.Entry<String, Totals> e : c.rows().entrySet()) {
            if (isProgramming(e.getKey())) {
                programming += e.getValue().code();
            }
        }
        return programming == 0 ? Double.NaN : 100.0 * c.row("Rust").code() / programming;
    }

    private static List<LanguageDelta> languages(Composition cb, Composition ch) {
        Set<String> rows = new TreeSet<>(cb.rows().keySet());
        rows.addAll(ch.rows().keySet());
        List<LanguageDelta> out = new ArrayList<>();
        for (String r : rows) {
            Totals b = cb.row(r);
            Totals h = ch.row(r);
            out.add(new LanguageDelta(r, b.files(), h.files(), b.code(), h.code()));
        }
        out.sort(Comparator.comparingLong((LanguageDelta d) -> -Math.abs(d.codeDelta()))
                .thenComparing(d -> -Math.max(d.codeHead(), d.codeBase())).thenComparing(LanguageDelta::language));
        return out;
    }

    private static List<MetricDelta> metrics(Composition cb, Composition ch) {
        Set<String> keys = new TreeSet<>(cb.metrics().keySet());
        keys.addAll(ch.metrics().keySet());
        List<MetricDelta> out = new ArrayList<>();
        for (String k : keys) {
            out.add(new MetricDelta(k, cb.metrics().getOrDefault(k, 0L), ch.metrics().getOrDefault(k, 0L)));
        }
        return out;
    }

    // ---- sites ------------------------------------------------------------------------------------------------

    private static boolean hasUnsafe(FileRow f) {
        if (!"Rust".equals(f.row())) {
            return false;
        }
        BlobFacts m = f.facts();
        return m.metric(RustSafetyAnalysis.UNSAFE_BLOCKS) + m.metric(RustSafetyAnalysis.UNSAFE_FNS)
                + m.metric(RustSafetyAnalysis.UNSAFE_IMPLS) + m.metric(RustSafetyAnalysis.UNSAFE_TRAITS)
                + m.metric(RustSafetyAnalysis.UNSAFE_EXTERN_BLOCKS) > 0;
    }

    private static boolean hasHelpers(FileRow f) {
        return Rows.isLanguage(f.row()) && f.facts() != null
                && f.facts().metric(CHelperAnalysis.HELPERS) > 0;
    }

    /**
     * Collects the sites of the files that differ: a blob that appears on both sides (at any path) has the same
     * sites on both, so as many copies as both sides share are skipped, preferring to skip copies whose path
     * did not change.
     */
    private void changedSites(List<FileRow> fb, List<FileRow> fh, List<ChangeSite> sb, List<ChangeSite> sh) {
        Map<Oid, List<FileRow>> base = byBlob(fb);
        Map<Oid, List<FileRow>> head = byBlob(fh);
        List<FileRow> readBase = new ArrayList<>();
        List<FileRow> readHead = new ArrayList<>();
        for (Map.Entry<Oid, List<FileRow>> e : base.entrySet()) {
            List<FileRow> b = new ArrayList<>(e.getValue());
            List<FileRow> h = new ArrayList<>(head.getOrDefault(e.getKey(), List.of()));
            Set<String> bp = new HashSet<>();
            b.forEach(f -> bp.add(f.path()));
            Set<String> hp = new HashSet<>();
            h.forEach(f -> hp.add(f.path()));
            b.sort(Comparator.comparing((FileRow f) -> hp.contains(f.path()) ? 0 : 1));
            h.sort(Comparator.comparing((FileRow f) -> bp.contains(f.path()) ? 0 : 1));
            int shared = Math.min(b.size(), h.size());
            readBase.addAll(b.subList(shared, b.size()));
            readHead.addAll(h.subList(shared, h.size()));
        }
        for (Map.Entry<Oid, List<FileRow>> e : head.entrySet()) {
            if (!base.containsKey(e.getKey())) {
                readHead.addAll(e.getValue());
            }
        }
        try (ObjectSource src = repo.newObjectSource()) {
            for (FileRow f : readBase) {
                scan(src, f, sb);
            }
            for (FileRow f : readHead) {
                scan(src, f, sh);
            }
        }
    }

    private static Map<Oid, List<FileRow>> byBlob(List<FileRow> files) {
        Map<Oid, List<FileRow>> out = new LinkedHashMap<>();
        for (FileRow f : files) {
            if (f.facts() != null && (hasUnsafe(f) || hasHelpers(f))) {
                out.computeIfAbsent(f.blob(), k -> new ArrayList<>()).add(f);
            }
        }
        return out;
    }

    private void scan(ObjectSource src, FileRow f, List<ChangeSite> out) {
        byte[] data = read(src, f.blob());
        if (hasUnsafe(f)) {
            for (RustSites.FingerprintedSite s : RustSites.scan(data, 0, data.length)) {
                out.add(new ChangeSite(f.path(), s.site().line(), SiteKind.of(s.site().kind()), s.site().documented(),
                        s.item(), s.fingerprint()));
            }
        }
        if (hasHelpers(f)) {
            for (CHelper h : CHelperScanner.helpers(data, 0, data.length)) {
                out.add(new ChangeSite(f.path(), h.line(), SiteKind.C_HELPER, h.annotated(), h.function(),
                        "helper:" + h.function()));
            }
        }
    }

    private static List<ChangeSite> undocumented(List<ChangeSite> sites) {
        return sites.stream().filter(s -> !s.documented()).toList();
    }

    /**
     * The sites of {@code a} without a counterpart in {@code b}: per fingerprint, as many as {@code a} has more
     * than {@code b}; where a choice exists, sites at a path {@code b} does not have that fingerprint at come first.
     */
    static List<ChangeSite> minus(List<ChangeSite> a, List<ChangeSite> b) {
        Map<String, Integer> inB = new HashMap<>();
        Map<String, Set<String>> pathsInB = new HashMap<>();
        for (ChangeSite s : b) {
            inB.merge(s.fingerprint(), 1, Integer::sum);
            pathsInB.computeIfAbsent(s.fingerprint(), k -> new HashSet<>()).add(s.path());
        }
        Map<String, List<ChangeSite>> groups = new LinkedHashMap<>();
        for (ChangeSite s : a) {
            groups.computeIfAbsent(s.fingerprint(), k -> new ArrayList<>()).add(s);
        }
        List<ChangeSite> out = new ArrayList<>();
        for (Map.Entry<String, List<ChangeSite>> g : groups.entrySet()) {
            int extra = g.getValue().size() - inB.getOrDefault(g.getKey(), 0);
            if (extra <= 0) {
                continue;
            }
            Set<String> paths = pathsInB.getOrDefault(g.getKey(), Set.of());
            List<ChangeSite> sorted = new ArrayList<>(g.getValue());
            sorted.sort(Comparator.comparing((ChangeSite s) -> paths.contains(s.path()) ? 1 : 0));
            out.addAll(sorted.subList(0, extra));
        }
        out.sort(Comparator.comparing(ChangeSite::path).thenComparingInt(ChangeSite::line));
        return out;
    }

    private byte[] read(ObjectSource src, Oid blob) {
        BlobContent c = src.blob(blob, maxBlobBytes, 0);
        if (c.truncated()) {
            throw new OxmeterException("blob " + blob.hex() + " is larger than --max-blob-size");
        }
        return c.length() == c.data().length ? c.data() : java.util.Arrays.copyOf(c.data(), c.length());
    }

    private byte[] bytes(Oid blob) {
        try (ObjectSource src = repo.newObjectSource()) {
            return read(src, blob);
        }
    }

    // ---- files ------------------------------------------------------------------------------------------------

    private static Map<String, FileRow> byPath(List<FileRow> files) {
        Map<String, FileRow> m = new LinkedHashMap<>();
        for (FileRow f : files) {
            if (f.facts() != null && Rows.isLanguage(f.row())) {
                m.put(f.path(), f);
            }
        }
        return m;
    }

    /** The path without its extension: {@code src/echo.cpp} → {@code src/echo}. */
    private static String stem(String path) {
        int slash = path.lastIndexOf('/');
        int dot = path.lastIndexOf('.');
        return dot > slash + 1 ? path.substring(0, dot) : path;
    }

    private static List<LanguageMove> languageMoves(List<FileRow> fb, List<FileRow> fh) {
        Map<String, FileRow> b = byPath(fb);
        Map<String, FileRow> h = byPath(fh);
        List<LanguageMove> out = new ArrayList<>();
        Map<String, List<FileRow>> addedByStem = new HashMap<>();
        for (FileRow f : h.values()) {
            FileRow old = b.get(f.path());
            if (old == null) {
                addedByStem.computeIfAbsent(stem(f.path()), k -> new ArrayList<>()).add(f);
            } else if (!old.row().equals(f.row())) {
                out.add(new LanguageMove(old.path(), old.row(), f.path(), f.row()));
            }
        }
        for (FileRow old : b.values()) {
            if (h.containsKey(old.path())) {
                continue;
            }
            List<FileRow> cands = addedByStem.get(stem(old.path()));
            if (cands == null) {
                continue;
            }
            for (int i = 0; i < cands.size(); i++) {
                if (!cands.get(i).row().equals(old.row())) {
                    FileRow f = cands.remove(i);
                    out.add(new LanguageMove(old.path(), old.row(), f.path(), f.row()));
                    break;
                }
            }
        }
        out.sort(Comparator.comparing(LanguageMove::pathHead));
        return out;
    }

    private static List<NewFile> newFiles(List<FileRow> fb, List<FileRow> fh) {
        Map<String, FileRow> b = byPath(fb);
        Set<Oid> baseBlobs = new HashSet<>();
        b.values().forEach(f -> baseBlobs.add(f.blob()));
        List<NewFile> out = new ArrayList<>();
        for (FileRow f : byPath(fh).values()) {
            if (!b.containsKey(f.path()) && !baseBlobs.contains(f.blob())) {
                out.add(new NewFile(f.path(), f.row()));
            }
        }
        return out;
    }

    // ---- owners -----------------------------------------------------------------------------------------------

    /** The head's ownership file by the one rule ({@link OwnerRollup#ownership}), else top directories. */
    private Map.Entry<String, Ownership> ownership(List<FileRow> files) {
        OwnershipFiles.Found found = OwnerRollup.ownership(files,
                blob -> new String(bytes(blob), StandardCharsets.UTF_8), new HashMap<>());
        return Map.entry(found.file(), found.ownership());
    }

    private static List<OwnerDelta> owners(List<FileRow> fb, List<FileRow> fh, Ownership ownership) {
        Map<String, Totals> b = OwnerRollup.byOwner(fb, "Rust", ownership, true);
        Map<String, Totals> h = OwnerRollup.byOwner(fh, "Rust", ownership, true);
        Set<String> names = new TreeSet<>(b.keySet());
        names.addAll(h.keySet());
        List<OwnerDelta> out = new ArrayList<>();
        for (String n : names) {
            long rb = b.getOrDefault(n, Totals.ZERO).code();
            long rh = h.getOrDefault(n, Totals.ZERO).code();
            if (rb != rh) {
                out.add(new OwnerDelta(n, rb, rh));
            }
        }
        out.sort(Comparator.comparingLong((OwnerDelta d) -> -d.delta()).thenComparing(OwnerDelta::owner));
        return out;
    }
}
