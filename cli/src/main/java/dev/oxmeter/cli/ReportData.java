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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fills the report's {@link ReportModel} from what oxmeter computes today: the history compositions (languages,
 * Rust share, and the safety, helper and boundary metric sums, all served from the store when known), Rust code
 * per component from the file listing of each release that has Rust, Rust code per MAINTAINERS entry (or
 * CODEOWNERS rule) at the last release, and contributors when a people analysis is available.
 */
final class ReportData {
    /** Where ownership may be declared, in the order looked at. */
    static final List<String> OWNERSHIP_FILES = List.of("MAINTAINERS", "CODEOWNERS", ".github/CODEOWNERS",
            ".gitlab/CODEOWNERS", "docs/CODEOWNERS");
    static final String RUST = "Rust";
    static final String ROOT = "(top level)";

    private ReportData() {
    }

    /** Rust files of one revision (path and code lines) and every directory of its tree. */
    private record Listing(List<String> paths, List<Long> code, Set<String> directories) {
    }

    static ReportModel build(Session s, List<Revision> revs, String name, String timeline, String generatedAt,
                             int depth, PeopleSource people) {
        long[] served = new long[1];
        Map<Revision, Composition> history = Compositions.of(s, revs, served);
        ReportModel m = ReportModels.of(name, generatedAt, timeline, history, s.computer().catalog());

        Map<String, Map<String, Long>> components = new LinkedHashMap<>();
        Map<Oid, Map<String, Long>> byTree = new HashMap<>();
        Revision lastWithRust = null;
        for (Revision r : revs) {
            if (history.get(r).row(RUST).files() > 0) {
                lastWithRust = r;
            }
        }
        Listing lastListing = null;
        for (Revision r : revs) {
            if (history.get(r).row(RUST).files() == 0) {
                continue;
            }
            Map<String, Long> known = byTree.get(r.tree());
            if (known == null || r == lastWithRust) {
                Listing l = list(s, r, r == lastWithRust);
                Map<String, Long> per = new LinkedHashMap<>();
                for (int i = 0; i < l.paths().size(); i++) {
                    per.merge(component(l.paths().get(i), depth), l.code().get(i), Long::sum);
                }
                known = per;
                byTree.put(r.tree(), per);
                if (r == lastWithRust) {
                    lastListing = l;
                }
            }
            components.put(r.label(), known);
        }
        m = ReportModels.withComponents(m, depth == 1 ? "top-level directory" : "directory (" + depth + " levels)",
                components);
        m = ReportModels.withOwners(m, owners(s, revs, lastWithRust, lastListing));
        m = ReportModels.withPeople(m, people.people(s, revs));
        s.finish(served[0] + " of " + revs.size() + " revisions served from the store");
        return m;
    }

    /** The Rust files of {@code r}; with {@code dirs}, every directory of its tree too. */
    private static Listing list(Session s, Revision r, boolean dirs) {
        List<String> paths = new ArrayList<>();
        List<Long> code = new ArrayList<>();
        Set<String> directories = new HashSet<>();
        s.engine().files(r, (FileRow f) -> {
            if (RUST.equals(f.row())) {
                paths.add(f.path());
                code.add(f.facts().counts().code());
            }
            if (dirs) {
                for (int i = f.path().indexOf('/'); i >= 0; i = f.path().indexOf('/', i + 1)) {
                    directories.add(f.path().substring(0, i));
                }
            }
        });
        return new Listing(paths, code, directories);
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
                                                               Listing rust) {
        Revision last = revs.isEmpty() ? null : revs.get(revs.size() - 1);
        if (last == null) {
            return ReportModel.Part.absent("no revisions");
        }
        if (at == null || rust == null) {
            return ReportModel.Part.absent("no Rust code in any selected release");
        }
        String file = null;
        String text = null;
        try (ObjectSource src = s.repo().newObjectSource()) {
            for (String candidate : OWNERSHIP_FILES) {
                Oid blob = find(src, at.tree(), candidate);
                if (blob != null) {
                    BlobContent c = src.blob(blob, 64L << 20, 0);
                    file = candidate;
                    text = new String(c.data(), 0, c.length(), StandardCharsets.UTF_8);
                    break;
                }
            }
        }
        if (file == null) {
            return ReportModel.Part.absent("no MAINTAINERS or CODEOWNERS file at " + at.label());
        }
        Ownership ownership = file.equals("MAINTAINERS")
                ? OwnershipMatcher.of(Maintainers.parse(text), rust.directories()::contains)
                : CodeOwners.parse(text);
        Map<String, long[]> per = new HashMap<>();
        for (int i = 0; i < rust.paths().size(); i++) {
            List<Owner> o = ownership.owners(rust.paths().get(i));
            String name = o.isEmpty() ? "(no owner)" : o.get(0).name();
            long[] acc = per.computeIfAbsent(name, k -> new long[2]);
            acc[0]++;
            acc[1] += rust.code().get(i);
        }
        List<ReportModel.OwnerRow> rows = new ArrayList<>();
        per.forEach((k, v) -> rows.add(new ReportModel.OwnerRow(k, v[0], v[1])));
        rows.sort(Comparator.comparingLong((ReportModel.OwnerRow r) -> -r.code())
                .thenComparing(ReportModel.OwnerRow::name));
        return ReportModel.Part.of(new ReportModel.Owners(file, at.label(), rows));
    }

    /** The blob at {@code path} under {@code tree}, or null. */
    static Oid find(ObjectSource src, Oid tree, String path) {
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
            boolean lastPart = i == parts.length - 1;
            if (lastPart) {
                return hit.kind().isRegularFile() ? hit.id() : null;
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
