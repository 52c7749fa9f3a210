package dev.oxmeter.people;

import dev.oxmeter.OxmeterException;
import dev.oxmeter.language.Language;
import dev.oxmeter.language.LanguageCatalog;
import dev.oxmeter.model.Oid;
import dev.oxmeter.model.Progress;
import dev.oxmeter.model.Revision;
import dev.oxmeter.source.AttributeRules;
import dev.oxmeter.source.BlobContent;
import dev.oxmeter.source.CommitWalker;
import dev.oxmeter.source.GitRepo;
import dev.oxmeter.source.ObjectSource;
import dev.oxmeter.source.TreeItem;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * {@code oxmeter people} end to end, without the command line: brings the commit facts up to date in one walk,
 * loads the commits that touch the language, applies exclusions, mailmaps and the employer map, and counts
 * ({@link Contributions}).
 */
public final class PeopleRun {
    private static final long MAX_MAP_BYTES = 16L * 1024 * 1024;
    private static final List<String> SUGGESTIONS = List.of("Rust", "C", "C++", "C Header", "Go", "Python",
            "Assembly", "Shell");

    private PeopleRun() {
    }

    /**
     * How to count.
     *
     * @param excludes        user exclusion patterns ({@code --exclude})
     * @param includeVendored count vendored and generated files too
     * @param userMailmap     mailmap layered over the repository's ({@code --mailmap}); {@link Mailmap#EMPTY} if none
     * @param mailmapRevision read the repository's {@code .mailmap} at this revision for every window; null: at
     *                        each window's end
     * @param affiliations    employer map; {@link Affiliations#EMPTY} groups by address domain only
     * @param keys            co-authorship and role trailer keys
     * @param threads         diff threads for the walk
     * @param allowMissing    count changed files whose content is absent with 0 lines (facts not stored) instead
     *                        of stopping
     */
    public record Options(List<String> excludes, boolean includeVendored, Mailmap userMailmap, String mailmapRevision,
                          Affiliations affiliations, TrailerKeys keys, int threads, boolean allowMissing) {
        public Options(List<String> excludes, boolean includeVendored, Mailmap userMailmap, String mailmapRevision,
                       Affiliations affiliations, TrailerKeys keys, int threads) {
            this(excludes, includeVendored, userMailmap, mailmapRevision, affiliations, keys, threads, false);
        }

        public Options {
            excludes = List.copyOf(excludes);
            Objects.requireNonNull(userMailmap, "userMailmap");
            Objects.requireNonNull(affiliations, "affiliations");
            Objects.requireNonNull(keys, "keys");
        }
    }

    /**
     * The options that decide who is counted, as one readable string (user mailmap by content digest): what the
     * store keeps next to the contributions of a run.
     */
    public static String describe(Language language, Options o) {
        StringBuilder sb = new StringBuilder("language=").append(language.name());
        sb.append(";exclude=").append(String.join(",", o.excludes()));
        sb.append(";include_vendored=").append(o.includeVendored());
        sb.append(";mailmap_rev=").append(o.mailmapRevision() == null ? "" : o.mailmapRevision());
        sb.append(";mailmap=");
        if (o.userMailmap().size() > 0) {
            try {
                java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
                for (Mailmap.Entry e : o.userMailmap().entries()) {
                    md.update(e.toString().getBytes(StandardCharsets.UTF_8));
                    md.update((byte) 0);
                }
                sb.append(java.util.HexFormat.of().formatHex(md.digest(), 0, 6));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        sb.append(";co_author_keys=").append(String.join(",", o.keys().coAuthorKeys()));
        return sb.toString();
    }

    /** What a run produced and cost; {@code shallow} lists the shallow boundary commits met (see
     *  {@link CommitHistory#shallowNotice}). */
    public record Result(PeopleReport report, CommitWalker.WalkStats walk, int commitsTouching, int commitsCounted,
                         double analysisSeconds, List<Oid> shallow) {
    }

    /**
     * The catalog language named {@code name} (any name or alias, ignoring case).
     *
     * @throws OxmeterException {@code unknown language 'x' (try: Rust, C, ...)}
     */
    public static Language language(LanguageCatalog catalog, String name) {
        String n = name == null ? "" : name.strip();
        return catalog.byName(n).orElseThrow(() -> {
            List<String> known = new ArrayList<>();
            for (String s : SUGGESTIONS) {
                catalog.byName(s).ifPresent(l -> known.add(l.name()));
            }
            return new OxmeterException("unknown language '" + n + "' (try: " + String.join(", ", known) + ", …)");
        });
    }

    /** Consecutive windows over a timeline: {@code ..r0}, {@code r0..r1}, {@code r1..r2} ... */
    public static List<Contributions.WindowSpec> consecutive(List<Revision> revisions) {
        List<Contributions.WindowSpec> out = new ArrayList<>();
        Revision prev = null;
        for (Revision r : revisions) {
            out.add(new Contributions.WindowSpec(prev == null ? null : prev.commit(),
                    prev == null ? null : prev.label(), r));
            prev = r;
        }
        return out;
    }

    /**
     * Counts contributions to {@code language} in {@code windows}.
     *
     * @param cache    where commit facts are kept; updated with any commit not yet in it
     * @param progress a "commits" phase with the number of commits to read, when any must be read
     */
    public static Result run(GitRepo repo, CommitFactsCache cache, LanguageCatalog catalog, Language language,
                             List<Contributions.WindowSpec> windows, Options options, Progress progress) {
        return run(repo, cache, catalog, language, windows, options, progress, c -> { });
    }

    /**
     * {@link #run(GitRepo, CommitFactsCache, LanguageCatalog, Language, List, Options, Progress)}, handing
     * every counted (window, commit, contributor) to {@code sink}.
     */
    public static Result run(GitRepo repo, CommitFactsCache cache, LanguageCatalog catalog, Language language,
                             List<Contributions.WindowSpec> windows, Options options, Progress progress,
                             java.util.function.Consumer<Contributions.Contribution> sink) {
        Set<Oid> tips = new LinkedHashSet<>();
        for (Contributions.WindowSpec w : windows) {
            tips.add(w.end().commit());
            if (w.start() != null) {
                tips.add(w.start());
            }
        }
        CommitWalker walker = walker(repo, catalog, options.threads());
        CommitHistory.Update update = CommitHistory.update(walker, cache, tips, options.allowMissing(), progress);
        long t0 = System.nanoTime();
        // counting reads co-author and role trailers only (not sign-offs, most of the trailers)
        Set<String> trailerKeys = new java.util.HashSet<>(options.keys().coAuthorKeys());
        trailerKeys.addAll(options.keys().roleKeys());
        List<CommitFacts> touching = update.touching(cache, language.name(), trailerKeys);
        try (ObjectSource src = repo.newObjectSource()) {
            List<CommitFacts> counted = filter(repo, src, options.excludes(), options.includeVendored())
                    .apply(touching);
            Map<Oid, Mailmap> byBlob = new HashMap<>();
            Mailmap fixed = null;
            if (options.mailmapRevision() != null) {
                fixed = repoMailmap(src, repo.resolve(options.mailmapRevision()).tree(), byBlob)
                        .merge(options.userMailmap());
            }
            Mailmap fixedMap = fixed;
            Map<Oid, Mailmap> byTree = new HashMap<>();
            // one merged instance per .mailmap content: windows with the same mailmap share their identity mapping
            Map<Mailmap, Mailmap> merged = new java.util.IdentityHashMap<>();
            PeopleReport report = Contributions.analyze(language.name(), windows, counted, update.graph(),
                    w -> fixedMap != null ? fixedMap : byTree.computeIfAbsent(w.end().tree(),
                            t -> merged.computeIfAbsent(repoMailmap(src, t, byBlob),
                                    base -> base.merge(options.userMailmap()))),
                    options.affiliations(), options.keys(), sink);
            return new Result(report, update.stats(), touching.size(), counted.size(),
                    (System.nanoTime() - t0) / 1e9, update.shallow());
        }
    }

    /** A commit walker that names languages with {@code catalog}. */
    public static CommitWalker walker(GitRepo repo, LanguageCatalog catalog, int threads) {
        return new CommitWalker(repo, (name, head) -> {
            dev.oxmeter.language.Detection d = catalog.detect(name);
            if (!d.needsContent()) {
                return d.definite().name();
            }
            byte[] h = head.get();
            return catalog.resolve(d, h, h.length).name();
        }, threads);
    }

    /** The exclusion filter for commit files: the scan's rules plus the root .gitattributes at HEAD. */
    public static ContributionFilter filter(GitRepo repo, ObjectSource src, List<String> excludes,
                                            boolean includeVendored) {
        AttributeRules attributes = null;
        Revision head = repo.isEmpty() ? null : repo.resolve("HEAD");
        if (head != null) {
            byte[] ga = rootFile(src, head.tree(), ".gitattributes");
            attributes = ga == null ? null : AttributeRules.parse(ga, 0, ga.length);
        }
        return new ContributionFilter(excludes, includeVendored, attributes);
    }

    private static Mailmap repoMailmap(ObjectSource src, Oid tree, Map<Oid, Mailmap> byBlob) {
        for (TreeItem item : src.tree(tree)) {
            if (item.name().equals(".mailmap") && item.kind().isRegularFile()) {
                return byBlob.computeIfAbsent(item.id(), id -> Mailmap.parse(text(src, id)));
            }
        }
        return Mailmap.EMPTY;
    }

    private static byte[] rootFile(ObjectSource src, Oid tree, String name) {
        for (TreeItem item : src.tree(tree)) {
            if (item.name().equals(name) && item.kind().isRegularFile()) {
                BlobContent c = src.blob(item.id(), MAX_MAP_BYTES, 0);
                return c.truncated() ? null : java.util.Arrays.copyOf(c.data(), c.length());
            }
        }
        return null;
    }

    private static String text(ObjectSource src, Oid blob) {
        BlobContent c = src.blob(blob, MAX_MAP_BYTES, 0);
        return c.truncated() ? "" : new String(c.data(), 0, c.length(), StandardCharsets.UTF_8);
    }
}
