package dev.oxmeter.source;

import dev.oxmeter.OxmeterException;
import dev.oxmeter.model.Oid;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Reads blobs through one {@code git cat-file --batch} process: the ids of a chunk are written at once, then the
 * contents are read back in order. git inflates and resolves deltas in its own process, in parallel with the
 * counting, and JGit's window cache no longer grows with the blobs read (git/git, 15 releases: 335 MB peak RSS
 * instead of 696 MB, the same results).
 *
 * <p>Not thread-safe: one per worker thread. Close it to end the process.
 */
final class CatFileBlobs implements AutoCloseable {
    /** Ids per write: their lines (41 bytes each) must fit a pipe buffer, so writing never waits for reading. */
    static final int MAX_CHUNK = 1024;

    private final Process process;
    private final OutputStream in;
    private final InputStream out;
    private byte[] buffer = new byte[1 << 16];
    private final byte[] scratch = new byte[1 << 13];

    private CatFileBlobs(Process process) {
        this.process = process;
        this.in = new BufferedOutputStream(process.getOutputStream(), 1 << 16);
        this.out = new BufferedInputStream(process.getInputStream(), 1 << 16);
    }

    /** Starts {@code git cat-file --batch} on {@code gitDir}, or returns null when git cannot be started. */
    static CatFileBlobs start(File gitDir) {
        try {
            ProcessBuilder pb = new ProcessBuilder("git", "--git-dir=" + gitDir.getAbsolutePath(), "cat-file",
                    "--batch");
            pb.redirectError(ProcessBuilder.Redirect.DISCARD);
            pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
            return new CatFileBlobs(pb.start());
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Reads {@code ids} (at most {@link #MAX_CHUNK}) in order: each whole when at most {@code maxBytes}, else only
     * its first {@code headBytes}; a missing blob is passed as null. The content's array is reused by the next
     * call.
     */
    void read(List<Oid> ids, long maxBytes, int headBytes, ObjectSource.BlobSink sink) {
        if (ids.size() > MAX_CHUNK) {
            throw new IllegalArgumentException("at most " + MAX_CHUNK + " ids per call");
        }
        try {
            StringBuilder b = new StringBuilder(ids.size() * 41);
            for (Oid id : ids) {
                b.append(id.hex()).append('\n');
            }
            in.write(b.toString().getBytes(StandardCharsets.US_ASCII));
            in.flush();
            for (Oid id : ids) {
                Header h = header(id);
                if (h == null) {
                    sink.accept(id, null);
                    continue;
                }
                if (!h.type().equals("blob")) {
                    throw new OxmeterException("object " + id.hex() + " is not a blob");
                }
                long size = h.size();
                boolean whole = size <= maxBytes && size <= Integer.MAX_VALUE - 16;
                int keep = (int) (whole ? size : Math.min(headBytes, size));
                if (buffer.length < keep) {
                    buffer = new byte[Math.max(keep, buffer.length * 2)];
                }
                readFully(buffer, keep);
                skip(size - keep + 1); // the rest of a large blob, and the newline after every object
                sink.accept(id, new BlobContent(buffer, keep, size, !whole));
            }
        } catch (IOException e) {
            throw new OxmeterException("reading blobs through git cat-file failed: " + e.getMessage(), e);
        }
    }

    /** An object as {@link #object} reads it: its type and content ({@code size} bytes, of which {@code data} holds
     * the first ones when it was larger than asked). */
    record Raw(String type, byte[] data, long size) {
    }

    /**
     * Reads object {@code id} of any type, whole when at most {@code limit} bytes, else its first {@code limit};
     * null when git says it is missing. One round trip: for the few objects a run reads one at a time.
     */
    Raw object(Oid id, int limit) {
        try {
            in.write((id.hex() + "\n").getBytes(StandardCharsets.US_ASCII));
            in.flush();
            Header h = header(id);
            if (h == null) {
                return null;
            }
            byte[] data = new byte[(int) Math.min(h.size(), limit)];
            readFully(data, data.length);
            skip(h.size() - data.length + 1);
            return new Raw(h.type(), data, h.size());
        } catch (IOException e) {
            throw new OxmeterException("reading object " + id.hex() + " through git cat-file failed: "
                    + e.getMessage(), e);
        }
    }

    private record Header(String type, long size) {
    }

    /** The header git writes before object {@code id}: its type and size; null when git says it is missing. */
    private Header header(Oid id) throws IOException {
        String header = line();
        if (header.endsWith(" missing")) {
            return null;
        }
        String[] f = header.split(" ");
        if (f.length != 3 || !f[0].equals(id.hex())) {
            throw new OxmeterException("git cat-file answered '" + header + "' for object " + id.hex());
        }
        try {
            return new Header(f[1], Long.parseLong(f[2]));
        } catch (NumberFormatException e) {
            throw new OxmeterException("git cat-file answered '" + header + "' for object " + id.hex());
        }
    }

    private String line() throws IOException {
        StringBuilder b = new StringBuilder(64);
        int c;
        while ((c = out.read()) != '\n') {
            if (c < 0) {
                throw new IOException("git cat-file ended early");
            }
            b.append((char) c);
        }
        return b.toString();
    }

    private void readFully(byte[] dst, int n) throws IOException {
        int off = 0;
        while (off < n) {
            int r = out.read(dst, off, n - off);
            if (r < 0) {
                throw new IOException("git cat-file ended early");
            }
            off += r;
        }
    }

    /**
     * Reads past {@code n} bytes. Read, not skipped: once the buffer is empty, {@code skip} goes to the pipe itself,
     * a system call for the one newline after each object, where a read fills the buffer with what comes next.
     */
    private void skip(long n) throws IOException {
        while (n > 0) {
            int r = n == 1 ? (out.read() < 0 ? -1 : 1) : out.read(scratch, 0, (int) Math.min(n, scratch.length));
            if (r < 0) {
                throw new IOException("git cat-file ended early");
            }
            n -= r;
        }
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            // the process is going away anyway
        }
        process.destroy();
    }
}
