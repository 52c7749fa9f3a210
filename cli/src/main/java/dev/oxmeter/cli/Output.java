package dev.oxmeter.cli;

import dev.oxmeter.OxmeterException;
import dev.oxmeter.IoReason;
import dev.oxmeter.WriteFailure;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes a finished result whole: to stdout, or to a file. A regular file (or a path not there yet) is replaced
 * atomically through a temporary file in its directory, so it holds the old or the new result, never part of one;
 * a symbolic link is followed and its target replaced, the link itself kept; a FIFO, a device or a socket is
 * written through, as a shell redirection would.
 */
final class Output {
    /** Symbolic links followed before giving up, as Linux does ({@code ELOOP}). */
    private static final int MAX_LINKS = 40;

    private Output() {
    }

    /**
     * Writes a command's result as {@code common} asks: to {@code -o FILE} or {@code out}, and with
     * {@code --csv-safe} in CSV, formula-like cells neutralised.
     */
    static void emit(PrintWriter out, String text, CommonOptions common) {
        String result = common.csvSafe && common.format != null && common.format.trim().equalsIgnoreCase("csv")
                ? dev.oxmeter.render.TableWriter.neutraliseCsv(text) : text;
        emit(out, result, common.out);
    }

    static void emit(PrintWriter out, String text, Path file) {
        if (file == null) {
            // a failed write to stdout is noticed and reported by Main, which knows the stream's error
            out.print(text);
            out.flush();
            return;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        Path target = target(file);
        if (Files.isDirectory(target)) {
            throw new OxmeterException("cannot write " + file + ": it is a directory");
        }
        try {
            if (Files.exists(target) && !Files.isRegularFile(target)) {
                try (OutputStream o = Files.newOutputStream(target, StandardOpenOption.WRITE)) {
                    o.write(bytes);
                }
                return;
            }
            replace(target, bytes);
        } catch (IOException e) {
            throw new WriteFailure("cannot write " + file + ": " + IoReason.of(e), e);
        }
    }

    /** The file a write to {@code file} lands in: {@code file} with every symbolic link followed. */
    private static Path target(Path file) {
        Path p = file.toAbsolutePath();
        for (int i = 0; Files.isSymbolicLink(p); i++) {
            if (i == MAX_LINKS) {
                throw new OxmeterException("cannot write " + file + ": too many levels of symbolic links");
            }
            try {
                p = p.resolveSibling(Files.readSymbolicLink(p));
            } catch (IOException e) {
                throw new WriteFailure("cannot write " + file + ": " + IoReason.of(e), e);
            }
        }
        return p;
    }

    private static void replace(Path target, byte[] bytes) throws IOException {
        Path dir = target.getParent();
        Files.createDirectories(dir);
        Set<PosixFilePermission> mode = PosixFilePermissions.fromString("rw-r--r--");
        Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            try {
                // temp files are created owner-only: keep the mode of the file replaced, or the usual one
                if (Files.exists(target)) {
                    mode = Files.getPosixFilePermissions(target);
                }
                Files.setPosixFilePermissions(tmp, mode);
            } catch (UnsupportedOperationException notPosix) {
                // the file system's defaults apply
            }
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
