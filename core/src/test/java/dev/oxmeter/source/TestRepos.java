package dev.oxmeter.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.dircache.DirCacheEditor.PathEdit;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.junit.TestRepository;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevBlob;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevTag;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * Builds git histories on disk for tests, with a fixed clock: each commit is one full snapshot of the files given
 * (so fixtures state exactly what a revision holds). Other test code uses this instead of JGit directly.
 */
public final class TestRepos implements AutoCloseable {
    private final Repository repo;
    private final TestRepository<Repository> tr;
    private final Path dir;
    private RevCommit head;
    private long clock = Instant.parse("2022-01-01T00:00:00Z").getEpochSecond();

    private TestRepos(Path dir, Repository repo) throws Exception {
        this.dir = dir;
        this.repo = repo;
        this.tr = new TestRepository<>(repo);
    }

    /** A new bare repository in {@code dir}. */
    public static TestRepos bare(Path dir) throws Exception {
        Repository r = FileRepositoryBuilder.create(dir.toFile());
        r.create(true);
        return new TestRepos(dir, r);
    }

    /** The repository {@link #bare} made in {@code dir}, reopened to add to it; its head is the main branch's. */
    public static TestRepos open(Path dir) throws Exception {
        Repository r = new FileRepositoryBuilder().setGitDir(dir.toFile()).setMustExist(true).build();
        TestRepos t = new TestRepos(dir, r);
        ObjectId main = r.resolve("refs/heads/main");
        if (main != null) {
            t.head = t.tr.getRevWalk().parseCommit(main);
            t.clock = Math.max(t.clock, t.head.getCommitTime());
        }
        return t;
    }

    public Path dir() {
        return dir;
    }

    /** A snapshot to commit: path → content (String or byte[]), plus symlinks and submodules. */
    public static final class Snapshot {
        final Map<String, byte[]> files = new LinkedHashMap<>();
        final Map<String, String> symlinks = new LinkedHashMap<>();
        final List<String> submodules = new ArrayList<>();
        String message = "change";
        String authorName = "A U Thor";
        String authorEmail = "author@example.com";
        Instant when;

        public Snapshot file(String path, String content) {
            files.put(path, content.getBytes(StandardCharsets.UTF_8));
            return this;
        }

        public Snapshot file(String path, byte[] content) {
            files.put(path, content.clone());
            return this;
        }

        public Snapshot symlink(String path, String target) {
            symlinks.put(path, target);
            return this;
        }

        public Snapshot submodule(String path) {
            submodules.add(path);
            return this;
        }

        public Snapshot message(String m) {
            message = m;
            return this;
        }

        public Snapshot author(String name, String email) {
            authorName = name;
            authorEmail = email;
            return this;
        }

        public Snapshot at(String isoInstant) {
            when = Instant.parse(isoInstant);
            return this;
        }
    }

    public static Snapshot snapshot() {
        return new Snapshot();
    }

    /** Commits {@code s} as the whole tree, child of the previous commit, on refs/heads/main (HEAD). */
    public String commit(Snapshot s) throws Exception {
        RevCommit c = build(s, head == null ? List.of() : List.of(head));
        return moveMain(c);
    }

    /**
     * Commits {@code s} as a child of commit {@code parent} (hex) without moving refs/heads/main: a side branch.
     * Returns the new commit's id.
     */
    public String commitOn(String parent, Snapshot s) throws Exception {
        return build(s, List.of(tr.getRevWalk().parseCommit(ObjectId.fromString(parent)))).name();
    }

    /** A merge commit on main: parents the current head and {@code other} (hex), tree {@code s}. */
    public String merge(String other, Snapshot s) throws Exception {
        return moveMain(build(s, List.of(head, tr.getRevWalk().parseCommit(ObjectId.fromString(other)))));
    }

    private String moveMain(RevCommit c) throws Exception {
        head = c;
        tr.update("refs/heads/main", head);
        repo.updateRef("HEAD").link("refs/heads/main");
        return head.name();
    }

    private RevCommit build(Snapshot s, List<RevCommit> parents) throws Exception {
        long t = s.when != null ? s.when.getEpochSecond() : (clock += 86_400);
        PersonIdent who = new PersonIdent(s.authorName, s.authorEmail, Instant.ofEpochSecond(t),
                java.time.ZoneOffset.UTC);
        TestRepository<Repository>.CommitBuilder cb = tr.commit().noParents().author(who).committer(who)
                .message(s.message);
        for (RevCommit p : parents) {
            cb.parent(p);
        }
        cb.noFiles(); // JGit seeds the tree from the first parent; a snapshot is the whole tree
        for (Map.Entry<String, byte[]> e : s.files.entrySet()) {
            cb.add(e.getKey(), tr.blob(e.getValue()));
        }
        for (Map.Entry<String, String> e : s.symlinks.entrySet()) {
            RevBlob target = tr.blob(e.getValue().getBytes(StandardCharsets.UTF_8));
            cb.edit(entry(e.getKey(), FileMode.SYMLINK, target));
        }
        for (String sub : s.submodules) {
            cb.edit(entry(sub, FileMode.GITLINK, ObjectId.fromString("1234567890123456789012345678901234567890")));
        }
        return cb.create();
    }

    private static PathEdit entry(String path, FileMode mode, ObjectId id) {
        return new PathEdit(path) {
            @Override
            public void apply(DirCacheEntry ent) {
                ent.setFileMode(mode);
                ent.setObjectId(id);
            }
        };
    }

    /** An annotated tag on the current head. */
    public void tag(String name) throws Exception {
        RevTag tag = tr.tag(name, head);
        tr.update("refs/tags/" + name, tag);
    }

    /** An annotated tag on the current head by {@code tagger} at {@code isoInstant}, for fixtures that fix every id. */
    public void tag(String name, String taggerName, String taggerEmail, String isoInstant, String message)
            throws Exception {
        org.eclipse.jgit.lib.TagBuilder t = new org.eclipse.jgit.lib.TagBuilder();
        t.setTag(name);
        t.setObjectId(head);
        t.setTagger(new PersonIdent(taggerName, taggerEmail, Instant.parse(isoInstant), java.time.ZoneOffset.UTC));
        t.setMessage(message);
        ObjectId id;
        try (org.eclipse.jgit.lib.ObjectInserter ins = repo.newObjectInserter()) {
            id = ins.insert(t);
            ins.flush();
        }
        tr.update("refs/tags/" + name, tr.getRevWalk().parseTag(id));
    }

    /** A lightweight tag on the current head. */
    public void lightweightTag(String name) throws Exception {
        tr.update("refs/tags/" + name, head);
    }

    /** An annotated tag pointing at a tree (legal in git, skipped by timelines). */
    public void treeTag(String name) throws Exception {
        RevTree tree = tr.getRevWalk().parseCommit(head).getTree();
        RevObject tag = tr.tag(name, tree);
        tr.update("refs/tags/" + name, tag);
    }

    /** Deletes a loose object file, to simulate corruption. Returns false when the object is packed. */
    public boolean deleteLooseObject(String hex) throws IOException {
        Path p = dir.resolve("objects").resolve(hex.substring(0, 2)).resolve(hex.substring(2));
        return java.nio.file.Files.deleteIfExists(p);
    }

    /** The blob id git would give {@code content}. */
    public static String blobId(String content) {
        return new org.eclipse.jgit.lib.ObjectInserter.Formatter()
                .idFor(org.eclipse.jgit.lib.Constants.OBJ_BLOB, content.getBytes(StandardCharsets.UTF_8)).name();
    }

    @Override
    public void close() {
        tr.close();
        repo.close();
    }
}
