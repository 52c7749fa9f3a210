package dev.oxmeter.cli;

import dev.oxmeter.OxmeterException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes a finished result whole: to stdout, or to a file through a temporary file and an atomic rename. */
final class Output {
    private Output() {
    }

    static void emit(PrintWriter out, String text, Path file) {
        if (file == null) {
            out.print(text);
            out.flush();
            return;
        }
        Path abs = file.toAbsolutePath();
        try {
            Path dir = abs.getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            Path tmp = Files.createTempFile(dir, "." + abs.getFileName(), ".tmp");
            try {
                try {
                    // temp files are created owner-only; a report is meant to be shared like any other output
                    Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
                } catch (UnsupportedOperationException notPosix) {
                    // the file system's defaults apply
                }
                Files.writeString(tmp, text, StandardCharsets.UTF_8);
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new OxmeterException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
