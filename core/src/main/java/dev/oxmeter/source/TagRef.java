package dev.oxmeter.source;

import dev.oxmeter.model.Oid;
import java.time.Instant;

/**
 * A tag, peeled: {@code commit} is the commit it finally points to, or null when it points to a tree or blob
 * ({@code targetType} says which: {@code tree}, {@code blob}, or {@code missing} / {@code corrupt} when its object
 * cannot be read); {@code date} is the tagger date of an annotated tag, else the commit date; {@code tree} and
 * {@code commitDate} are the commit's tree and date (null when unknown), so that a timeline of tags needs no
 * second read of each commit.
 */
public record TagRef(String name, Oid commit, String targetType, Instant date, Oid tree, Instant commitDate) {
    /** A tag whose commit's tree and date were not read. */
    public TagRef(String name, Oid commit, String targetType, Instant date) {
        this(name, commit, targetType, date, null, null);
    }

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
