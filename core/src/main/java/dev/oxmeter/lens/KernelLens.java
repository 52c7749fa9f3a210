package dev.oxmeter.lens;

import dev.oxmeter.aggregate.FileRow;
import dev.oxmeter.aggregate.OwnerRollup;
import dev.oxmeter.facts.CHelper;
import dev.oxmeter.facts.CHelperScanner;
import dev.oxmeter.facts.BlobFacts;
import dev.oxmeter.facts.CHelperAnalysis;
import dev.oxmeter.facts.RustBoundaryAnalysis;
import dev.oxmeter.facts.RustSafetyAnalysis;
import dev.oxmeter.facts.RustSafetyReport;
import dev.oxmeter.facts.RustSafetyScanner;
import dev.oxmeter.model.Metric;
import dev.oxmeter.model.Oid;
import dev.oxmeter.model.Rows;
import dev.oxmeter.owners.Owner;
import dev.oxmeter.owners.Ownership;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The roll-ups of the kernel lens ({@code safety}, {@code boundary}) over one revision's files: per file, per owner
 * or directory, and the sites that need the blob read again (undocumented unsafe, C helpers). Works on the file
 * listing alone except where a method says it reads blobs. Stateless.
 */
public final class KernelLens {
    /** The safety metrics, in column order: those {@link RustSafetyAnalysis} declares. */
    public static final List<Metric> SAFETY_METRICS = RustSafetyAnalysis.METRICS;
    /** The names of {@link #SAFETY_METRICS}, the columns of the safety tables. */
    public static final List<String> SAFETY_KEYS = SAFETY_METRICS.stream().map(Metric::name).toList();
    /** The Rust boundary metrics, in column order: those {@link RustBoundaryAnalysis} declares. */
    public static final List<Metric> RUST_METRICS = RustBoundaryAnalysis.METRICS;
    /** The names of {@link #RUST_METRICS}, the columns of the boundary tables. */
    public static final List<String> RUST_KEYS = RUST_METRICS.stream().map(Metric::name).toList();

    private KernelLens() {
    }

    /** A file and metric values, in the order of the key list that produced them. */
    public record FileValues(String path, List<Long> values) {
        public FileValues {
            values = List.copyOf(values);
        }
    }

    /** Rust files of one group (owner or directory): how many, their code, and summed safety metrics. */
    public record Group(String name, long files, long code, List<Long> values) {
        public Group {
            values = List.copyOf(values);
        }
    }

    /** An unsafe site without its SAFETY comment or # Safety section; {@code kind} in words ("block", "fn" …). */
    public record Site(String path, long line, String kind) {
    }

    /** A C helper of a file. */
    public record Helper(String path, String function, boolean annotated, long line) {
    }

    /** A file with C helpers or Rust boundary sites: helper counts, then {@link #RUST_METRICS} values. */
    public record BoundaryFile(String path, long helpers, long annotated, long exports, List<Long> rust) {
        public BoundaryFile {
            rust = List.copyOf(rust);
        }
    }

    private static boolean isRust(FileRow f) {
        return "Rust".equals(f.row());
    }

    /** Every counted Rust file with its safety metrics ({@link #SAFETY_KEYS}). */
    public static List<FileValues> safetyByFile(List<FileRow> files) {
        List<FileValues> out = new ArrayList<>();
        for (FileRow f : files) {
            if (isRust(f)) {
                out.add(new FileValues(f.path(), SAFETY_METRICS.stream().map(f.facts()::metric).toList()));
            }
        }
        return out;
    }

    /**
     * Rust files grouped by their first owner under {@code ownership} ({@link OwnerRollup#UNOWNED} when none), in
     * name order, with summed safety metrics.
     */
    public static List<Group> safetyByGroup(List<FileRow> files, Ownership ownership) {
        Map<String, long[]> sums = new TreeMap<>();
        for (FileRow f : files) {
            if (!isRust(f)) {
                continue;
            }
            List<Owner> owners = ownership.owners(f.path());
            String g = owners.isEmpty() ? OwnerRollup.UNOWNED : owners.get(0).name();
            long[] acc = sums.computeIfAbsent(g, x -> new long[SAFETY_KEYS.size() + 2]);
            acc[0]++;
            acc[1] += f.facts().counts().code();
            for (int i = 0; i < SAFETY_METRICS.size(); i++) {
                acc[i + 2] += f.facts().metric(SAFETY_METRICS.get(i));
            }
        }
        List<Group> out = new ArrayList<>();
        sums.forEach((g, acc) -> {
            List<Long> v = new ArrayList<>();
            for (int i = 2; i < acc.length; i++) {
                v.add(acc[i]);
            }
            out.add(new Group(g, acc[0], acc[1], v));
        });
        return out;
    }

    /**
     * Every unsafe site without its documentation, per file in listing order. Reads (with {@code bytes}) only the
     * Rust files whose metrics say some site is undocumented.
     */
    public static List<Site> undocumented(List<FileRow> files, Function<Oid, byte[]> bytes) {
        List<Site> out = new ArrayList<>();
        for (FileRow f : files) {
            if (!isRust(f)) {
                continue;
            }
            BlobFacts m = f.facts();
            long documentedAll = m.metric(RustSafetyAnalysis.UNSAFE_BLOCKS_DOCUMENTED)
                    + m.metric(RustSafetyAnalysis.UNSAFE_FNS_DOCUMENTED)
                    + m.metric(RustSafetyAnalysis.UNSAFE_IMPLS_DOCUMENTED)
                    + m.metric(RustSafetyAnalysis.UNSAFE_TRAITS_DOCUMENTED);
            long all = m.metric(RustSafetyAnalysis.UNSAFE_BLOCKS) + m.metric(RustSafetyAnalysis.UNSAFE_FNS)
                    + m.metric(RustSafetyAnalysis.UNSAFE_IMPLS) + m.metric(RustSafetyAnalysis.UNSAFE_TRAITS);
            if (all == documentedAll) {
                continue; // nothing undocumented: no need to read the blob again
            }
            byte[] data = bytes.apply(f.blob());
            RustSafetyReport rep = RustSafetyScanner.scan(data, 0, data.length);
            for (RustSafetyReport.Site site : rep.undocumented()) {
                out.add(new Site(f.path(), site.line(),
                        site.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ')));
            }
        }
        return out;
    }

    private static boolean hasHelpers(FileRow f) {
        return f.facts() != null && f.facts().metric(CHelperAnalysis.HELPERS) > 0 && Rows.isLanguage(f.row());
    }

    /** Whether a counted Rust file has any boundary site. */
    private static boolean touchesC(FileRow f) {
        if (f.facts() == null || !isRust(f)) {
            return false;
        }
        return RUST_METRICS.stream().anyMatch(k -> f.facts().metric(k) > 0);
    }

    /** Every C helper of the revision, per file in listing order. Reads the blobs of files that have helpers. */
    public static List<Helper> helpers(List<FileRow> files, Function<Oid, byte[]> bytes) {
        List<Helper> out = new ArrayList<>();
        for (FileRow f : files) {
            if (!hasHelpers(f)) {
                continue;
            }
            byte[] data = bytes.apply(f.blob());
            for (CHelper h : CHelperScanner.helpers(data, 0, data.length)) {
                out.add(new Helper(f.path(), h.function(), h.annotated(), h.line()));
            }
        }
        return out;
    }

    /** The Rust files that touch C, with their boundary metrics ({@link #RUST_KEYS}). */
    public static List<FileValues> rustSide(List<FileRow> files) {
        List<FileValues> out = new ArrayList<>();
        for (FileRow f : files) {
            if (touchesC(f)) {
                out.add(new FileValues(f.path(), RUST_METRICS.stream().map(f.facts()::metric).toList()));
            }
        }
        return out;
    }

    /** Every file with C helpers or Rust boundary sites. */
    public static List<BoundaryFile> boundaryByFile(List<FileRow> files) {
        List<BoundaryFile> out = new ArrayList<>();
        for (FileRow f : files) {
            if (!hasHelpers(f) && !touchesC(f)) {
                continue;
            }
            BlobFacts m = f.facts();
            out.add(new BoundaryFile(f.path(), m.metric(CHelperAnalysis.HELPERS),
                    m.metric(CHelperAnalysis.HELPERS_ANNOTATED), m.metric(CHelperAnalysis.HELPER_EXPORTS),
                    RUST_METRICS.stream().map(m::metric).toList()));
        }
        return out;
    }
}
