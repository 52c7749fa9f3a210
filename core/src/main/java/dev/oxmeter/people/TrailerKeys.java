package dev.oxmeter.people;

import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which trailer keys mean what for the people features: co-authorship keys (the person wrote part of the change)
 * and role keys (the person reviewed, tested, reported ... it). {@code Signed-off-by} is always its own category.
 * Keys are stored in canonical spelling ({@link Trailer#canonicalKey}) and looked up case-insensitively.
 * Immutable and thread-safe.
 *
 * @param coAuthorKeys keys whose person is a co-author, e.g. {@code Co-developed-by}
 * @param roleKeys     keys whose person had another role, e.g. {@code Reviewed-by}
 */
public record TrailerKeys(Set<String> coAuthorKeys, Set<String> roleKeys) {
    public static final String SIGNED_OFF_BY = "Signed-off-by";
    public static final String CO_DEVELOPED_BY = "Co-developed-by";
    public static final String CO_AUTHORED_BY = "Co-authored-by";
    public static final String REVIEWED_BY = "Reviewed-by";
    public static final String ACKED_BY = "Acked-by";
    public static final String TESTED_BY = "Tested-by";
    public static final String REPORTED_BY = "Reported-by";
    public static final String SUGGESTED_BY = "Suggested-by";
    public static final String HELPED_BY = "Helped-by";
    public static final String MENTORED_BY = "Mentored-by";
    public static final String FIXES = "Fixes";
    public static final String LINK = "Link";
    public static final String CLOSES = "Closes";
    public static final String CC = "Cc";

    /** {@code Co-developed-by} (kernel) and {@code Co-authored-by} (GitHub) as co-authorship; the usual roles. */
    public static final TrailerKeys DEFAULT = new TrailerKeys(
            Set.of(CO_DEVELOPED_BY, CO_AUTHORED_BY),
            Set.of(REVIEWED_BY, ACKED_BY, TESTED_BY, REPORTED_BY, SUGGESTED_BY, HELPED_BY, MENTORED_BY));

    public TrailerKeys {
        coAuthorKeys = canonicalSet(coAuthorKeys);
        roleKeys = canonicalSet(roleKeys);
        if (coAuthorKeys.contains(SIGNED_OFF_BY) || roleKeys.contains(SIGNED_OFF_BY)) {
            throw new IllegalArgumentException(SIGNED_OFF_BY + " is a category of its own");
        }
        for (String k : coAuthorKeys) {
            if (roleKeys.contains(k)) {
                throw new IllegalArgumentException(k + " is both a co-author key and a role key");
            }
        }
    }

    public boolean isSignOff(String key) {
        return SIGNED_OFF_BY.equals(Trailer.canonicalKey(key));
    }

    public boolean isCoAuthor(String key) {
        return coAuthorKeys.contains(Trailer.canonicalKey(key));
    }

    public boolean isRole(String key) {
        return roleKeys.contains(Trailer.canonicalKey(key));
    }

    /**
     * Whether the key's value names people, so {@link Trailers} parses identities from it: sign-offs, co-author
     * and role keys, {@code Cc}, and any other key ending in {@code -by} ({@code Bisected-by},
     * {@code Reported-and-tested-by}, ...).
     */
    public boolean namesPeople(String key) {
        String k = Trailer.canonicalKey(key);
        return k.equals(SIGNED_OFF_BY) || k.equals(CC) || k.endsWith("-by")
                || coAuthorKeys.contains(k) || roleKeys.contains(k);
    }

    private static Set<String> canonicalSet(Set<String> keys) {
        Objects.requireNonNull(keys, "keys");
        TreeSet<String> out = new TreeSet<>();
        for (String k : keys) {
            if (k == null || !Trailer.isToken(k.strip())) {
                throw new IllegalArgumentException("not a trailer key: " + k);
            }
            out.add(Trailer.canonicalKey(k));
        }
        return Collections.unmodifiableSortedSet(out);
    }
}
