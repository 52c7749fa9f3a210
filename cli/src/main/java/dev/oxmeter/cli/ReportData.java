package dev.oxmeter.cli;

import dev.oxmeter.aggregate.Composition;
import dev.oxmeter.aggregate.FileRow;
import dev.oxmeter.owners.CodeOwners;
import dev.oxmeter.owners.Maintainers;
import dev.oxmeter.owners.Owner;
import dev.oxmeter.owners.Ownership;
import dev.oxmeter.owners.OwnershipMatcher;
import dev.oxmeter.report.ReportModel;
import dev.oxmeter.report.ReportModels;
import dev.oxmeter.source.BlobContent;
import dev.oxmeter.source.EntryKind;
import dev.oxmeter.source.ObjectSource;
import dev.oxmeter.source.Oid;
import dev.oxmeter.source.Revision;
import dev.oxmeter.source.TreeItem;
import dev.oxmeter.store.RustFilesStore;
import dev.oxmeter.store.RustFilesStore.RustFile;
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
 * contributors from a {@link PeopleSource}.
 */
final class ReportData {
    /** Where ownership may be declared, in the order looked at. */
    static final List<String> OWNERSHIP_FILES = List.of("MAINTAINERS", "CODEOWNERS", ".github/CODEOWNERS",
            ".gitlab/CODEOWNERS", "docs/CODEOWNERS");
    static final String RUST = "Rust";
    static final String ROOT = "(top level)";
    static final String NO_OWNER = "(no owner)";

    private ReportData() {
    }

    static ReportModel build(Session s, List<Revision> revs, String name, String timeline, String generatedAt,
                             String tool, int depth, PeopleSource people) {
        long[] served = new long[1];
        Map<Revision, Composition> history = Compositions.of(s, revs, served);
        ReportModel m = ReportModels.of(name, generatedAt, tool, timeline, history, s.computer().catalog());
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
        m = ReportModels.withPeople(m, people.people(s, revs));
        m = m.withToolchain(ReportToolchain.of(s, revs));
        s.finish(served[0] + " of " + revs.size() + " revisions served from the store");
        return m;
    }

    /**
     * The counted Rust files of each revision's tree: from the store when saved there, otherwise from the
     * engine's file listing (then saved).
     */
    private static Map<Oid, List<RustFile>> rustFiles(Session s, List<Revision> revs) {
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
            s.engine().files(r, (FileRow f) -> {
                if (RUST.equals(f.row())) {
                    list.add(new RustFile(f.path(), f.facts().counts().code()));
                }
            });
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

    private static ReportModel.Part<ReportModel.Owners> owners(Session s, List<Revision> revs, Revision at,
                                                               List<RustFile> rust) {
        if (revs.isEmpty()) {
            return ReportModel.Part.absent("no revisions");
        }
        if (at == null || rust == null) {
            return ReportModel.Part.absent("no Rust code in any selected release");
        }
        String file = null;
        Map<String, long[]> per = new HashMap<>();
        try (ObjectSource src = s.repo().newObjectSource()) {
            String text = null;
            for (String candidate : OWNERSHIP_FILES) {
                Oid blob = find(src, at.tree(), candidate, false);
                if (blob != null) {
                    BlobContent c = src.blob(blob, 64L << 20, 0);
                    file = candidate;
                    text = new String(c.data(), 0, c.length(), StandardCharsets.UTF_8);
                    break;
                }
            }
            if (file == null) {
                return ReportModel.Part.absent("no MAINTAINERS or CODEOWNERS file at " + at.label());
            }
            Map<String, Boolean> dirs = new HashMap<>();
            Ownership ownership = file.equals("MAINTAINERS")
                    ? OwnershipMatcher.of(Maintainers.parse(text),
                            p -> dirs.computeIfAbsent(p, d -> find(src, at.tree(), d, true) != null))
                    : CodeOwners.parse(text);
            s.skippedRules(file, ownership.problems());
            for (RustFile f : rust) {
                List<Owner> o = ownership.owners(f.path());
                long[] acc = per.computeIfAbsent(o.isEmpty() ? NO_OWNER : o.get(0).name(), k -> new long[2]);
                acc[0]++;
                acc[1] += f.code();
            }
        }
        List<ReportModel.OwnerRow> rows = new ArrayList<>();
        per.forEach((k, v) -> rows.add(new ReportModel.OwnerRow(k, v[0], v[1])));
        rows.sort(Comparator.comparingLong((ReportModel.OwnerRow r) -> -r.code())
                .thenComparing(ReportModel.OwnerRow::name));
        return ReportModel.Part.of(new ReportModel.Owners(file, at.label(), rows));
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

    /**
     * Where contributor figures come from. The people analysis ({@code oxmeter people}) is developed separately;
     * until its library API is in this build, {@link #NONE} says so on the page.
     */
    interface PeopleSource {
        PeopleSource NONE = (s, revs) -> ReportModel.Part.absent(
                "the people analysis (oxmeter people) is not part of this build");

        ReportModel.Part<ReportModel.People> people(Session s, List<Revision> revs);
    }
}
