package dev.oxmeter.source;

import dev.oxmeter.OxmeterException;
import dev.oxmeter.RepositoryException;
import dev.oxmeter.model.Oid;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.errors.CorruptObjectException;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;

/**
 * Reads trees and blobs by id from the object database.
 *
 * <p>Not thread-safe (it wraps one JGit {@link ObjectReader}): use one per thread, and close it. Failures to read
 * an object become an {@link OxmeterException} naming the object: a {@link MissingObjectError} when the repository
 * does not have it, a {@link CorruptObjectError} when it has it but cannot read it back (other objects stay readable).
 */
public final class ObjectSource implements AutoCloseable {
    private final GitRepo repo;
    private final ObjectReader reader;
    private final CanonicalTreeParser parser = new CanonicalTreeParser();
    private final CatFileBlobs catFile;

    ObjectSource(GitRepo repo, ObjectReader reader) {
        this(repo, reader, null);
    }

    ObjectSource(GitRepo repo, ObjectReader reader, CatFileBlobs catFile) {
        this.repo = repo;
        this.reader = reader;
        this.catFile = catFile;
    }

    /** Receives blobs read by {@link #blobs}. */
    @FunctionalInterface
    public interface BlobSink {
        /** {@code content} is null when the blob is missing; its array is reused after the call returns. */
        void accept(Oid id, BlobContent content);
    }

    /**
     * Reads many blobs, in the given order, as {@link #blob} would, handing each to {@code sink} (null for a
     * missing one). Through {@code git cat-file --batch} when this source has a process, so the ids are written in
     * chunks and git inflates while the caller measures; else one JGit read each.
     */
    public void blobs(List<Oid> ids, long maxBytes, int headBytes, BlobSink sink) {
        if (catFile == null) {
            for (Oid id : ids) {
                BlobContent c;
                try {
                    c = blob(id, maxBytes, headBytes);
                } catch (MissingObjectError e) {
                    c = null;
                }
                sink.accept(id, c);
            }
            return;
        }
        for (int from = 0; from < ids.size(); from += CatFileBlobs.MAX_CHUNK) {
            catFile.read(ids.subList(from, Math.min(ids.size(), from + CatFileBlobs.MAX_CHUNK)), maxBytes, headBytes,
                    sink);
        }
    }

    /** The entries of tree {@code id}, in git's order. Cost: one object read. */
    public List<TreeItem> tree(Oid id) {
        return items(rawTree(id));
    }

    /**
     * The raw object of tree {@code id} (git's canonical tree format), a compact form to hold many trees in: one
     * array each, where {@link #tree} gives several objects per entry. {@link #items} lists it. Cost: one object
     * read; the array may be shared, do not modify it.
     */
    public byte[] rawTree(Oid id) {
        // a tree is far smaller than this; an object that is not is left to JGit, whatever it is
        CatFileBlobs.Raw small = repo.smallRead(id, 16 << 20);
        if (small != null && small.type().equals("tree") && small.size() == small.data().length) {
            return small.data();
        }
        try {
            return readRawTree(reader, id);
        } catch (MissingObjectException | CorruptObjectException e) {
            return repo.recover("tree", GitRepo.toObjectId(id), e, reader, r -> readRawTree(r, id));
        } catch (IncorrectObjectTypeException e) {
            throw new RepositoryException("object " + id.hex() + " is not a tree, though a tree lists it as one");
        } catch (IOException e) {
            throw new RepositoryException("cannot read tree " + id.hex() + ": " + e.getMessage(), e);
        }
    }

    private static byte[] readRawTree(ObjectReader r, Oid id) throws IOException {
        return r.open(GitRepo.toObjectId(id), Constants.OBJ_TREE).getCachedBytes();
    }

    /** The entries of a tree from {@link #rawTree}, in git's order, as {@link #tree} gives them. */
    public List<TreeItem> items(byte[] rawTree) {
        parser.reset(rawTree);
        List<TreeItem> items = new ArrayList<>();
        while (!parser.eof()) {
            items.add(new TreeItem(name(), kind(parser.getEntryRawMode()), oid(parser.idBuffer(),
                    parser.idOffset())));
            parser.next();
        }
        return items;
    }

    /** The current entry's name: ASCII names (nearly all) are copied as they are, others decoded as JGit does. */
    private String name() {
        byte[] b = parser.getEntryPathBuffer();
        int n = parser.getEntryPathLength();
        for (int i = 0; i < n; i++) {
            if (b[i] < 0) {
                return parser.getEntryPathString();
            }
        }
        return new String(b, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static Oid oid(byte[] raw, int off) {
        long w1 = 0;
        long w2 = 0;
        int w3 = 0;
        for (int i = 0; i < 8; i++) {
            w1 = (w1 << 8) | (raw[off + i] & 0xff);
            w2 = (w2 << 8) | (raw[off + 8 + i] & 0xff);
        }
        for (int i = 16; i < 20; i++) {
            w3 = (w3 << 8) | (raw[off + i] & 0xff);
        }
        return new Oid(w1, w2, w3);
    }

    private static EntryKind kind(int mode) {
        int type = mode & FileMode.TYPE_MASK;
        if (type == FileMode.TYPE_TREE) {
            return EntryKind.TREE;
        }
        if (type == FileMode.TYPE_SYMLINK) {
            return EntryKind.SYMLINK;
        }
        if (type == FileMode.TYPE_GITLINK) {
            return EntryKind.SUBMODULE;
        }
        return (mode & 0100) != 0 ? EntryKind.EXECUTABLE : EntryKind.FILE;
    }

    /**
     * Reads blob {@code id}: whole when its size is at most {@code maxBytes}, otherwise only its first
     * {@code headBytes} (streamed, never inflated whole). The returned array may be shared: do not modify it.
     */
    public BlobContent blob(Oid id, long maxBytes, int headBytes) {
        int whole = (int) Math.min(maxBytes, BlobContent.MAX_WHOLE_BYTES);
        CatFileBlobs.Raw small = repo.smallRead(id, Math.max(whole, headBytes));
        if (small != null && small.type().equals("blob")) {
            if (small.size() <= whole) {
                return new BlobContent(small.data(), small.data().length, small.size(), false);
            }
            int n = (int) Math.min(headBytes, small.size());
            return new BlobContent(java.util.Arrays.copyOf(small.data(), n), n, small.size(), true);
        }
        try {
            return readBlob(reader, id, maxBytes, headBytes);
        } catch (MissingObjectException | CorruptObjectException e) {
            return repo.recover("blob", GitRepo.toObjectId(id), e, reader, r -> readBlob(r, id, maxBytes, headBytes));
        } catch (IncorrectObjectTypeException e) {
            throw new RepositoryException("object " + id.hex() + " is not a blob, though a tree lists it as one");
        } catch (IOException e) {
            throw new RepositoryException("cannot read blob " + id.hex() + ": " + e.getMessage(), e);
        }
    }

    private static BlobContent readBlob(ObjectReader r, Oid id, long maxBytes, int headBytes) throws IOException {
        ObjectLoader loader = r.open(GitRepo.toObjectId(id), Constants.OBJ_BLOB);
        long size = loader.getSize();
        if (size <= maxBytes && size <= BlobContent.MAX_WHOLE_BYTES) {
            byte[] data = loader.getCachedBytes((int) size);
            return new BlobContent(data, data.length, size, false);
        }
        byte[] head = new byte[(int) Math.min(headBytes, size)];
        int n = 0;
        try (InputStream in = loader.openStream()) {
            while (n < head.length) {
                int got = in.read(head, n, head.length - n);
                if (got < 0) {
                    break;
                }
                n += got;
            }
        }
        return new BlobContent(head, n, size, true);
    }

    @Override
    public void close() {
        reader.close();
        if (catFile != null) {
            catFile.close();
        }
    }
}
