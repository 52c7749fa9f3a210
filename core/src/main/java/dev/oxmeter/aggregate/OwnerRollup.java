package dev.oxmeter.aggregate;

import dev.oxmeter.facts.BlobFacts;
import dev.oxmeter.model.Totals;
import dev.oxmeter.owners.Owner;
import dev.oxmeter.owners.Ownership;
import dev.oxmeter.owners.OwnershipFiles;
import dev.oxmeter.model.Oid;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Rolls a revision's files of one language up to owners (MAINTAINERS entries, CODEOWNERS rules, or top
 * directories when the repository has neither). Stateless.
 */
public final class OwnerRollup {
    /** Label for files no owner claims. */
    public static final String UNOWNED = "(unowned)";

    private OwnerRollup() {
    }

    /**
     * Totals per owner of the files counted under {@code language} (excluded files never count). With
     * {@code primaryOnly} each file goes to its most specific owner only, so totals add up to the language's; else
     * to every owner that claims it (get_maintainer.pl's view: entries overlap).
     */
    public static Map<String, Totals> byOwner(List<FileRow> files, String language, Ownership ownership,
                                              boolean primaryOnly) {
        Map<String, Totals> out = new HashMap<>();
        for (FileRow f : files) {
            if (!language.equals(f.row())) {
                continue;
            }
            BlobFacts facts = f.facts();
            Totals t = Totals.ofFile(facts.counts(), facts.bytes());
            List<Owner> owners = ownership.owners(f.path());
            if (owners.isEmpty()) {
                out.merge(UNOWNED, t, Totals::plus);
            } else if (primaryOnly) {
                out.merge(owners.get(0).name(), t, Totals::plus);
            } else {
                for (Owner o : owners.stream().map(Owner::name).distinct().map(n -> new Owner(n, List.of())).toList()) {
                    out.merge(o.name(), t, Totals::plus);
                }
            }
        }
        return out;
    }

    /** What {@link #ownership} reports as the file when a revision has no ownership file. */
    public static final String TOP_DIRECTORIES = "top directories";

    /**
     * The ownership of a revision listed as {@code files}: its ownership file by {@link OwnershipFiles}' rule, else
     * its top directories (two levels, as {@link #TOP_DIRECTORIES} with a null blob). {@code text} reads a blob,
     * {@code parsed} keeps parsed files by blob across calls.
     */
    public static OwnershipFiles.Found ownership(List<FileRow> files, Function<Oid, String> text,
                                                 Map<Oid, Ownership> parsed) {
        Map<String, FileRow> byPath = new HashMap<>();
        Set<String> dirs = new HashSet<>();
        for (FileRow f : files) {
            byPath.put(f.path(), f);
            for (int i = f.path().indexOf('/'); i >= 0; i = f.path().indexOf('/', i + 1)) {
                dirs.add(f.path().substring(0, i));
            }
        }
        return OwnershipFiles.find(p -> {
            FileRow f = byPath.get(p);
            return f != null && f.kind().isRegularFile() ? f.blob() : null;
        }, dirs::contains, text, parsed).orElseGet(() -> new OwnershipFiles.Found(TOP_DIRECTORIES, null,
                byDirectory(2)));
    }

    /** The fallback grouping: the first {@code depth} directory components of a path ("." for top-level files). */
    public static Ownership byDirectory(int depth) {
        return path -> {
            int idx = -1;
            for (int i = 0; i < depth; i++) {
                int next = path.indexOf('/', idx + 1);
                if (next < 0) {
                    break;
                }
                idx = next;
            }
            return List.of(new Owner(idx < 0 ? "." : path.substring(0, idx) + "/", List.of()));
        };
    }
}
