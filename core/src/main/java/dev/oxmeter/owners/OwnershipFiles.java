package dev.oxmeter.owners;

import dev.oxmeter.model.Oid;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The one rule for which file declares a revision's ownership: its MAINTAINERS (read with get_maintainer.pl's
 * rules), else its CODEOWNERS at the first of GitHub's places ({@link #CODEOWNERS_PATHS}, in GitHub's order of
 * precedence). Callers with neither fall back to their own grouping (top directories). Stateless.
 */
public final class OwnershipFiles {
    /** The MAINTAINERS file, looked at first. */
    public static final String MAINTAINERS = "MAINTAINERS";
    /** Where CODEOWNERS may live, in GitHub's order of precedence. */
    public static final List<String> CODEOWNERS_PATHS = List.of(".github/CODEOWNERS", "CODEOWNERS",
            "docs/CODEOWNERS", ".gitlab/CODEOWNERS");

    private OwnershipFiles() {
    }

    /** The ownership file found: its path, its blob and its parsed rules. */
    public record Found(String file, Oid blob, Ownership ownership) {
    }

    /**
     * The ownership file of a revision.
     *
     * @param regularFile the blob of the regular file at a path of the revision, or null when there is none
     * @param isDirectory whether a path of the revision is a directory (MAINTAINERS {@code F:} patterns need it)
     * @param text        the content of a blob as text
     * @param parsed      rules already parsed, by blob: each content is parsed once (may be shared across calls)
     * @return the file and its rules, or empty when the revision has neither file
     */
    public static Optional<Found> find(Function<String, Oid> regularFile, Predicate<String> isDirectory,
                                       Function<Oid, String> text, Map<Oid, Ownership> parsed) {
        Oid m = regularFile.apply(MAINTAINERS);
        if (m != null) {
            return Optional.of(new Found(MAINTAINERS, m, parsed.computeIfAbsent(m,
                    id -> OwnershipMatcher.of(Maintainers.parse(text.apply(id)), isDirectory))));
        }
        for (String p : CODEOWNERS_PATHS) {
            Oid c = regularFile.apply(p);
            if (c != null) {
                return Optional.of(new Found(p, c, parsed.computeIfAbsent(c, id -> CodeOwners.parse(text.apply(id)))));
            }
        }
        return Optional.empty();
    }
}
