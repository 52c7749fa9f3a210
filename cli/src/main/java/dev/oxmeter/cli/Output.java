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

    /**
     * Writes a command's result as {@code common} asks: to {@code -o FILE} or {@code out}, and with
     * {@code --csv-safe} in CSV, formula-like cells neutralised.
     */
    static void emit(PrintWriter out, String text, CommonOptions common) {
        String result = common.csvSafe && common.format != null && common.format.trim().equalsIgnoreCase("csv")
                ? dev.oxmeter.report.TableWriter.neutraliseCsv(text) : text;
        emit(out, result, common.out);
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
