package dev.oxmeter.source;

import dev.oxmeter.model.Oid;
import java.time.Instant;

/**
 * A tag, peeled: {@code commit} is the commit it finally points to, or null when it points to a tree or blob
 * ({@code targetType} says which: {@code tree}, {@code blob}, or {@code missing} / {@code corrupt} when its object
 * cannot be read); {@code date} is the tagger date of an annotated tag, else the commit date.
 */
public record TagRef(String name, Oid commit, String targetType, Instant date) {
    public boolean pointsToCommit() {
        return commit != null;
    }

    /** Why the tag has no commit, as a phrase: "points to a tree", "points to a missing object" … */
    public String notACommit() {
        return switch (targetType) {
            case "missing", "corrupt" -> "points to a " + targetType + " object";
            default -> "points to a " + targetType + ", not a commit";
        };
    }
}
