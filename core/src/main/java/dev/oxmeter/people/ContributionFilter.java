package dev.oxmeter.people;

import dev.oxmeter.aggregate.ExclusionPolicy;
import dev.oxmeter.aggregate.ExclusionReason;
import dev.oxmeter.source.AttributeRules;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which changed files do not count for people: the scan's {@link ExclusionPolicy} (built-in vendored and generated
 * paths, the user's {@code --exclude} patterns, {@code includeVendored}) under the {@code linguist-vendored} /
 * {@code linguist-generated} attributes of one {@code .gitattributes} file (the repository's root one, at one
 * revision), applied to every commit. Immutable and thread-safe.
 */
public final class ContributionFilter {
    private final ExclusionPolicy policy;
    private final AttributeRules attributes;

    /**
     * @param excludes        user patterns (gitignore-style, as {@code --exclude})
     * @param includeVendored when true nothing is excluded
     * @param rootAttributes  the root {@code .gitattributes} rules, or null
     */
    public ContributionFilter(List<String> excludes, boolean includeVendored, AttributeRules rootAttributes) {
        this.policy = new ExclusionPolicy(excludes, includeVendored);
        this.attributes = rootAttributes;
    }

    /** Whether a file at {@code path} is left out, by the same precedence as the scan. */
    public boolean excluded(String path) {
        if (policy.excludesNothing()) {
            return false;
        }
        Map<String, String> attrs = Map.of();
        if (attributes != null && !attributes.isEmpty()) {
            attrs = new HashMap<>();
            attributes.applyTo(path, attrs);
        }
        return policy.reason(path, attrs) != ExclusionReason.NONE;
    }

    private boolean isExcluded(String path, Map<String, Boolean> decided) {
        Boolean known = decided.get(path);
        if (known == null) {
            known = excluded(path);
            decided.put(path, known);
        }
        return known;
    }

    /** The commits with their excluded files removed; commits left without files are dropped. */
    public List<CommitFacts> apply(List<CommitFacts> commits) {
        if (policy.excludesNothing()) {
            return commits;
        }
        List<CommitFacts> out = new ArrayList<>(commits.size());
        // a history changes the same paths again and again: decide each path once
        Map<String, Boolean> decided = new HashMap<>();
        for (CommitFacts c : commits) {
            List<CommitFacts.FileFact> files = c.files();
            int keep = 0;
            for (CommitFacts.FileFact f : files) {
                if (!isExcluded(f.path(), decided)) {
                    keep++;
                }
            }
            if (keep == files.size()) {
                out.add(c);
            } else if (keep > 0) {
                List<CommitFacts.FileFact> kept = new ArrayList<>(keep);
                for (CommitFacts.FileFact f : files) {
                    if (!isExcluded(f.path(), decided)) {
                        kept.add(f);
                    }
                }
                out.add(new CommitFacts(c.id(), c.parents(), c.author(), c.authorTime(), c.commitTime(), c.subject(),
                        c.trailers(), kept));
            }
        }
        return out;
    }
}
