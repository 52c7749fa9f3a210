package dev.oxmeter.people;

import dev.oxmeter.model.Oid;
import dev.oxmeter.source.CommitInfo;
import dev.oxmeter.source.FileChange;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The facts the people features need about one commit, as stored (keyed by commit id) and reused by every run:
 * the raw author, the people named in its {@code *-by} trailers (raw, before any mailmap), and the files it changes
 * against its first parent with their language and line churn. Immutable.
 *
 * <p>Raw identities are kept so that a new {@code .mailmap} or employer map never invalidates stored facts; they
 * are applied when aggregating.
 *
 * @param id         the commit
 * @param parents    number of parents; merges (more than one) carry no files and never count
 * @param author     the author as written in the commit
 * @param authorTime author date
 * @param commitTime committer date
 * @param subject    first line of the message
 * @param trailers   trailers whose key ends in {@code -by} ({@code Signed-off-by}, {@code Co-developed-by},
 *                   {@code Reviewed-by} ...), one per person, in message order, and {@code Fixes:} trailers
 *                   (with an empty identity; their value names the fixed commit)
 * @param files      files changed against the first parent
 */
public record CommitFacts(Oid id, int parents, Identity author, Instant authorTime, Instant commitTime,
                          String subject, List<PersonTrailer> trailers, List<FileFact> files) {
    /**
     * Version of how facts are derived from a commit (trailer selection, diff options). Bump it when that changes:
     * stored facts of another version are discarded and recomputed.
     */
    public static final int VERSION = 2;

    public CommitFacts {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(author, "author");
        subject = subject == null ? "" : subject;
        trailers = List.copyOf(trailers);
        files = List.copyOf(files);
    }

    /** A person named in a trailer, raw (before the mailmap). */
    public record PersonTrailer(String key, Identity who, String value) {
        public PersonTrailer {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(who, "who");
            value = value == null ? "" : value;
        }
    }

    /**
     * A changed file.
     *
     * @param path     path after the change (the deleted path for a deletion)
     * @param oldPath  path before a rename, else null
     * @param change   ADD, MODIFY, DELETE, RENAME (as git's diff status)
     * @param language language name, {@link FileChange#NOT_A_FILE} for symlinks and submodules
     * @param added    lines added
     * @param removed  lines removed
     */
    public record FileFact(String path, String oldPath, String change, String language, int added, int removed) {
        public FileFact {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(change, "change");
            Objects.requireNonNull(language, "language");
        }
    }

    /** How many {@code Fixes:} trailers the message carries (a fix commit has at least one). */
    public int fixes() {
        int n = 0;
        for (PersonTrailer t : trailers) {
            if (t.key().equals(TrailerKeys.FIXES)) {
                n++;
            }
        }
        return n;
    }

    public boolean isMerge() {
        return parents > 1;
    }

    /** The facts of a walked commit: decodes the message and keeps the people trailers. O(message + files). */
    public static CommitFacts of(CommitInfo c) {
        Charset declared = charset(c.encodingName());
        String message = Trailers.decode(c.rawMessage(), declared);
        List<PersonTrailer> people = new ArrayList<>();
        for (Trailer t : Trailers.parse(message)) {
            if (t.identity() != null && keepsPeople(t.key())) {
                people.add(new PersonTrailer(t.key(), t.identity(), t.value()));
            } else if (Trailer.canonicalKey(t.key()).equals(TrailerKeys.FIXES)) {
                people.add(new PersonTrailer(TrailerKeys.FIXES, new Identity("", ""), t.value()));
            }
        }
        List<FileFact> files = new ArrayList<>(c.changes().size());
        for (FileChange f : c.changes()) {
            files.add(new FileFact(f.path(), f.oldPath(), f.changeType(), f.language(), f.added(), f.removed()));
        }
        return new CommitFacts(c.id(), c.parentCount(), new Identity(c.authorName(), c.authorEmail()),
                c.authorTime(), c.commitTime(), subject(message), people, files);
    }

    /** Whether trailers with this key are kept in the facts: every key ending in {@code -by}, case-insensitively. */
    public static boolean keepsPeople(String key) {
        return Trailer.canonicalKey(key).endsWith("-by");
    }

    private static String subject(String message) {
        String m = message.stripLeading();
        int nl = m.indexOf('\n');
        return (nl < 0 ? m : m.substring(0, nl)).strip();
    }

    private static Charset charset(String name) {
        if (name == null) {
            return null;
        }
        try {
            return Charset.forName(name.strip());
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return null;
        }
    }
}
