package dev.oxmeter;

import dev.oxmeter.aggregate.FileRow;
import dev.oxmeter.model.Composition;
import dev.oxmeter.model.Oid;
import dev.oxmeter.model.Revision;
import dev.oxmeter.owners.Owner;
import dev.oxmeter.owners.OwnershipFiles;
import dev.oxmeter.report.ReportModel;
import dev.oxmeter.report.ReportModels;
import dev.oxmeter.source.BlobContent;
import dev.oxmeter.source.EntryKind;
import dev.oxmeter.source.ObjectSource;
import dev.oxmeter.source.TreeItem;
import dev.oxmeter.store.RustFilesStore.RustFile;
import dev.oxmeter.store.RustFilesStore;
import dev.oxmeter.toolchain.Distributions;
import dev.oxmeter.toolchain.RevisionToolchain;
import dev.oxmeter.toolchain.ToolchainTimeline;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fills the report's {@link ReportModel} from what oxmeter computes today: the history compositions (languages,
 * Rust share, and the safety, helper and boundary metric sums, all served from the store when known), Rust code
 * per component from the Rust files of each release that has Rust (saved in the store, listed by the engine
 * otherwise), Rust code per MAINTAINERS entry (or CODEOWNERS rule) at the last release with Rust, and
 * contributors from a {@link ReportRequest.PeopleSource}.
 */
final class ReportAssembly {
    static final String RUST = "Rust";
    static final String ROOT = "(top level)";
    static final String NO_OWNER = "(no owner)";

    private ReportAssembly() {
    }

    static ReportModel build(Oxmeter s, List<Revision> revs, ReportRequest request) {
        int depth = request.componentDepth();
        Map<Revision, Composition> history = s.compositions(revs);
        ReportModel m = ReportModels.of(request.name(), request.generatedAt(), request.tool(), request.timeline(),
                history, s.catalog());
        Revision lastWithRust = null;
        List<Revision> withRust = new ArrayList<>();
        for (Revision r : revs) {
            if (history.get(r).row(RUST).files() > 0) {
                lastWithRust = r;
                withRust.add(r);
            }
        }
        Map<Oid, List<RustFile>> files = rustFiles(s, withRust);
        Map<String, Map<String, Long>> components = new LinkedHashMap<>();
        for (Revision r : withRust) {
            Map<String, Long> per = new LinkedHashMap<>();
            for (RustFile f : files.get(r.tree())) {
                per.merge(component(f.path(), depth), f.code(), Long::sum);
            }
            components.put(r.label(), per);
        }
        m = ReportModels.withComponents(m, depth == 1 ? "top-level directory" : "directory (" + depth + " levels)",
                components);
        m = ReportModels.withOwners(m, owners(s, revs, lastWithRust,
                lastWithRust == null ? null : files.get(lastWithRust.tree())));
        m = ReportModels.withPeople(m, request.people().people(s, revs));
        m = m.withToolchain(toolchain(s, revs));
        return m;
    }

    /** The toolchain section, or why there is none. Cost: the toolchain scan of the releases (relevant files only). */
    private static ReportModel.Part<ToolchainTimeline> toolchain(Oxmeter s, List<Revision> revs) {
        List<RevisionToolchain> scanned = s.toolchainScanner().scan(revs);
        if (scanned.stream().noneMatch(RevisionToolchain::hasRust)) {
            return ReportModel.Part.absent("no Cargo manifest, lock file, rust-toolchain file or "
                    + "scripts/min-tool-version.sh in any selected release");
        }
        return ReportModel.Part.of(ToolchainTimeline.of(scanned, Distributions.standard()));
    }

    /**
     * The counted Rust files of each revision's tree: from the store when saved there, otherwise from the
     * engine's file listing (then saved).
     */
    private static Map<Oid, List<RustFile>> rustFiles(Oxmeter s, List<Revision> revs) {
        RustFilesStore saved = s.store() == null ? null
                : new RustFilesStore(s.store(), s.options().fingerprint(), s.computer().compositionVersion());
        Map<Oid, List<RustFile>> out = new HashMap<>(saved == null ? Map.of()
                : saved.load(revs.stream().map(Revision::tree).toList()));
        Map<Oid, List<RustFile>> fresh = new LinkedHashMap<>();
        for (Revision r : revs) {
            if (out.containsKey(r.tree())) {
                continue;
            }
            List<RustFile> list = new ArrayList<>();
            for (FileRow f : s.files(r)) {
                if (RUST.equals(f.row())) {
                    list.add(new RustFile(f.path(), f.facts().counts().code()));
                }
            }
            out.put(r.tree(), list);
            fresh.put(r.tree(), list);
        }
        if (saved != null) {
            saved.save(fresh);
        }
        return out;
    }

    /** The first {@code depth} directories of a path's directory; "(top level)" for files at the root. */
    static String component(String path, int depth) {
        int end = -1;
        for (int i = 0; i < depth; i++) {
            int next = path.indexOf('/', end + 1);
            if (next < 0) {
                break;
            }
            end = next;
        }
        return end < 0 ? ROOT : path.substring(0, end);
    }

    private static ReportModel.Part<ReportModel.Owners> owners(Oxmeter s, List<Revision> revs, Revision at,
                                                               List<RustFile> rust) {
        if (revs.isEmpty()) {
            return ReportModel.Part.absent("no revisions");
        }
        if (at == null || rust == null) {
            return ReportModel.Part.absent("no Rust code in any selected release");
        }
        Map<String, long[]> per = new HashMap<>();
        OwnershipFiles.Found found;
        try (ObjectSource src = s.repo().newObjectSource()) {
            Map<String, Boolean> dirs = new HashMap<>();
            // the Rust files may come from the store: the ownership file is looked up in the tree itself
            found = OwnershipFiles.find(p -> find(src, at.tree(), p, false),
                    p -> dirs.computeIfAbsent(p, d -> find(src, at.tree(), d, true) != null),
                    blob -> {
                        BlobContent c = src.blob(blob, 64L << 20, 0);
                        return new String(c.data(), 0, c.length(), StandardCharsets.UTF_8);
                    }, new HashMap<>()).orElse(null);
            if (found == null) {
                return ReportModel.Part.absent("no MAINTAINERS or CODEOWNERS file at " + at.label());
            }
            s.reportSkippedRules(found);
            for (RustFile f : rust) {
                List<Owner> o = found.ownership().owners(f.path());
                long[] acc = per.computeIfAbsent(o.isEmpty() ? NO_OWNER : o.get(0).name(), k -> new long[2]);
                acc[0]++;
                acc[1] += f.code();
            }
        }
        List<ReportModel.OwnerRow> rows = new ArrayList<>();
        per.forEach((k, v) -> rows.add(new ReportModel.OwnerRow(k, v[0], v[1])));
        rows.sort(Comparator.comparingLong((ReportModel.OwnerRow r) -> -r.code())
                .thenComparing(ReportModel.OwnerRow::name));
        return ReportModel.Part.of(new ReportModel.Owners(found.file(), at.label(), rows));
    }

    /** The blob (or with {@code directory}, the tree) at {@code path} under {@code tree}, or null. */
    static Oid find(ObjectSource src, Oid tree, String path, boolean directory) {
        Oid cur = tree;
        String[] parts = path.split("/");
        for (int i = 0; i < parts.length; i++) {
            TreeItem hit = null;
            for (TreeItem item : src.tree(cur)) {
                if (item.name().equals(parts[i])) {
                    hit = item;
                    break;
                }
            }
            if (hit == null) {
                return null;
            }
            if (i == parts.length - 1) {
                return (directory ? hit.kind() == EntryKind.TREE : hit.kind().isRegularFile()) ? hit.id() : null;
            }
            if (hit.kind() != EntryKind.TREE) {
                return null;
            }
            cur = hit.id();
        }
        return null;
    }
}
