package dev.oxmeter;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;

/** The reason of an I/O failure in the few words a one-line message needs. Stateless. */
public final class IoReason {
    private IoReason() {
    }

    /**
     * The reason of an I/O failure in a few words ("permission denied", "no space left on device" ...). Java
     * names only the file in the message of several {@link FileSystemException}s; the reason is what users need.
     */
    public static String of(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return lower(fse.getReason());
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : lower(e.getMessage());
    }

    /**
     * The environmental reason named in an error message from a library (DuckDB says "… : No space left on
     * device"), or null when the message names none of them.
     */
    public static String named(String message) {
        if (message == null) {
            return null;
        }
        String m = message.toLowerCase(Locale.ROOT);
        for (String r : new String[] {"no space left on device", "permission denied", "read-only file system",
                "disk quota exceeded", "file too large", "operation not permitted"}) {
            if (m.contains(r)) {
                return r;
            }
        }
        return null;
    }

    private static String lower(String s) {
        // "No space left on device" reads better inside a sentence; keep acronyms such as "I/O" as they are
        return s.length() > 1 && Character.isUpperCase(s.charAt(0)) && Character.isLowerCase(s.charAt(1))
                ? Character.toLowerCase(s.charAt(0)) + s.substring(1) : s;
    }
}
