package dev.oxmeter.source;

import java.time.Instant;

/**
 * A tag, peeled: {@code commit} is the commit it finally points to, or null when it points to a tree or blob
 * ({@code targetType} says which); {@code date} is the tagger date of an annotated tag, else the commit date.
 */
public record TagRef(String name, Oid commit, String targetType, Instant date) {
    public boolean pointsToCommit() {
        return commit != null;
    }
}
