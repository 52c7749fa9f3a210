package dev.oxmeter.cli;

import dev.oxmeter.OxmeterException;
import dev.oxmeter.aggregate.FileRow;
import dev.oxmeter.aggregate.OwnerRollup;
import dev.oxmeter.owners.CodeOwners;
import dev.oxmeter.owners.Maintainers;
import dev.oxmeter.owners.Ownership;
import dev.oxmeter.owners.OwnershipMatcher;
import dev.oxmeter.source.BlobContent;
import dev.oxmeter.source.ObjectSource;
import dev.oxmeter.source.Oid;
import dev.oxmeter.source.Revision;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Shared plumbing of the kernel-lens commands: revision selection, file listings, ownership files, blob reads. */
final class Lens {
    /** Where CODEOWNERS may live, in GitHub's order of precedence. */
    static final List<String> CODEOWNERS_PATHS = List.of(".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS",
            ".gitlab/CODEOWNERS");

    private final Session s;
    private final Map<Oid, Ownership> parsed = new HashMap<>();

    Lens(Session s) {
        this.s = s;
    }

    /**
     * One revision ({@code rev}, or HEAD) unless timeline options were given. The one revision is labelled by its
     * tag when {@code rev} names a tag, else by its abbreviated commit id: results must not say "HEAD", which names
     * another commit tomorrow.
     */
    static List<Revision> revisions(Session s, TimelineOptions timeline, String rev) {
        if (rev != null && timeline.any()) {
            throw new OxmeterException("--rev and timeline options (--tags, --every, --revs) exclude each other");
        }
        if (!timeline.any()) {
            return List.of(resolved(s, rev == null ? "HEAD" : rev));
        }
        return timeline.select(s.repo(), s::notice);
    }

    /** {@code rev} resolved, labelled by itself when it is a tag name, else by its abbreviated commit id. */
    static Revision resolved(Session s, String rev) {
        Revision r = s.repo().resolve(rev);
        if (r.commit() == null || s.repo().tags().stream().anyMatch(t -> t.name().equals(rev))) {
            return r;
        }
        return new Revision(r.commit().abbrev(12), r.commit(), r.tree(), r.date());
    }

    /** Every file of {@code rev} with facts (computed once per unique blob, cached in the store). */
    List<FileRow> files(Revision rev) {
        List<FileRow> out = new ArrayList<>();
        s.engine().files(rev, out::add);
        return out;
    }

    /** A description of the ownership source found in {@code files}. */
    record Owners(String source, Ownership ownership) {
    }

    /**
     * The ownership of a revision: its MAINTAINERS (get_maintainer.pl rules), else its CODEOWNERS, else top
     * directories (two levels). Parsed once per file content.
     */
    Owners ownersOf(List<FileRow> files) {
        Map<String, FileRow> byPath = new HashMap<>();
        Set<String> dirs = new HashSet<>();
        for (FileRow f : files) {
            byPath.put(f.path(), f);
            for (int i = f.path().indexOf('/'); i >= 0; i = f.path().indexOf('/', i + 1)) {
                dirs.add(f.path().substring(0, i));
            }
        }
        FileRow m = byPath.get("MAINTAINERS");
        if (m != null && m.kind().isRegularFile()) {
            Ownership o = parsed.computeIfAbsent(m.blob(), id -> {
                Ownership made = OwnershipMatcher.of(Maintainers.parse(text(id)), dirs::contains);
                s.skippedRules("MAINTAINERS", made.problems());
                return made;
            });
            return new Owners("MAINTAINERS", o);
        }
        for (String p : CODEOWNERS_PATHS) {
            FileRow c = byPath.get(p);
            if (c != null && c.kind().isRegularFile()) {
                return new Owners(p, parsed.computeIfAbsent(c.blob(), id -> {
                    Ownership made = CodeOwners.parse(text(id));
                    s.skippedRules(p, made.problems());
                    return made;
                }));
            }
        }
        return new Owners("top directories", OwnerRollup.byDirectory(2));
    }

    /** The content of a blob as UTF-8 text (invalid bytes replaced). */
    String text(Oid blob) {
        return new String(bytes(blob), StandardCharsets.UTF_8);
    }

    byte[] bytes(Oid blob) {
        try (ObjectSource src = s.repo().newObjectSource()) {
            BlobContent c = src.blob(blob, s.options().maxBlobBytes(), 0);
            if (c.truncated()) {
                throw new OxmeterException("blob " + blob.hex() + " is larger than --max-blob-size");
            }
            return c.length() == c.data().length ? c.data() : java.util.Arrays.copyOf(c.data(), c.length());
        }
    }
}
