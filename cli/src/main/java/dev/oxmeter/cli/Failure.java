package dev.oxmeter.cli;

import dev.oxmeter.OxmeterException;
import dev.oxmeter.RepositoryException;
import dev.oxmeter.WriteFailure;
import java.io.PrintWriter;

/**
 * The one-line failure policy: every way a run can fail, Java {@link Error}s included, ends in one line
 * {@code oxmeter: …} on stderr and one of the documented exit codes (README, "Reliability"). Stateless.
 */
final class Failure {
    /** Bad input: an option value, a revision, a file or repository path the user gave. */
    static final int USAGE = 2;
    /** The repository cannot give what the run needs: a missing or corrupt object, cut history, unreadable files. */
    static final int REPOSITORY = 3;
    /** The output or the store cannot be written: a full disk, a permission denied. */
    static final int IO = 74;
    /** An internal failure: a bug in oxmeter. */
    static final int INTERNAL = 70;
    /** The machine or the installation cannot run oxmeter: out of memory, a native library that cannot load. */
    static final int ENVIRONMENT = 71;

    private Failure() {
    }

    /** Prints the line for {@code t} (and, with OXMETER_DEBUG set, its stack trace) and returns the exit code. */
    static int report(Throwable t, PrintWriter err) {
        int code = code(t);
        err.println("oxmeter: " + dev.oxmeter.render.Visible.text(line(t, code)));
        if (debug()) {
            t.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    static int code(Throwable t) {
        if (t instanceof WriteFailure) {
            return IO;
        }
        if (t instanceof RepositoryException) {
            return REPOSITORY;
        }
        if (t instanceof OxmeterException) {
            return USAGE;
        }
        if (t instanceof OutOfMemoryError || nativeLoadFailure(t) != null) {
            return ENVIRONMENT;
        }
        return INTERNAL;
    }

    private static String line(Throwable t, int code) {
        return switch (code) {
            case USAGE, REPOSITORY, IO -> firstLine(t.getMessage());
            case ENVIRONMENT -> t instanceof OutOfMemoryError
                    ? "out of memory (" + firstLine(t.getMessage()) + "): give Java more heap "
                            + "(OXMETER_JAVA_OPTS=-Xmx8g) or use fewer --threads"
                    : "a native library cannot be loaded (" + firstLine(nativeLoadFailure(t))
                            + "): the store needs DuckDB's native library; rebuild oxmeter, check that java.io.tmpdir "
                            + "allows executables, or run with --no-store";
            default -> "internal error (this is a bug): " + describe(t) + where(t)
                    + (debug() ? "" : "; run again with OXMETER_DEBUG=1 for the stack trace");
        };
    }

    /** The message of the native-library failure somewhere in {@code t}'s causes, or null when there is none. */
    static String nativeLoadFailure(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof UnsatisfiedLinkError) {
                return c.getMessage();
            }
            if ((c instanceof ExceptionInInitializerError || c instanceof NoClassDefFoundError) && fromNative(c)) {
                if (NativeLibraries.failure() != null) {
                    return NativeLibraries.failure();
                }
                Throwable root = c;
                while (root.getCause() != null && root.getCause() != root) {
                    root = root.getCause();
                }
                return root.getClass().getSimpleName() + ": " + firstLine(root.getMessage());
            }
        }
        return null;
    }

    /** Whether {@code e}, a class that failed to initialise, is DuckDB's native loader. */
    private static boolean fromNative(Throwable e) {
        if (String.valueOf(e.getMessage()).contains("org.duckdb.DuckDBNative")) {
            return true;
        }
        for (Throwable c = e.getCause(); c != null; c = c.getCause() == c ? null : c.getCause()) {
            for (StackTraceElement f : c.getStackTrace()) {
                if (f.getClassName().equals("org.duckdb.DuckDBNative")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String describe(Throwable t) {
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + firstLine(m));
    }

    /** The first frame of oxmeter's own code, where a bug report should point. */
    private static String where(Throwable t) {
        for (StackTraceElement e : t.getStackTrace()) {
            if (e.getClassName().startsWith("dev.oxmeter.")) {
                return " at " + e.getClassName().substring("dev.oxmeter.".length()) + "." + e.getMethodName()
                        + "(" + e.getFileName() + ":" + e.getLineNumber() + ")";
            }
        }
        return "";
    }

    static String firstLine(String s) {
        if (s == null || s.isBlank()) {
            return "(no message)";
        }
        String line = s.strip().lines().findFirst().orElse("").strip();
        return line.length() > 400 ? line.substring(0, 400) + "…" : line;
    }

    private static boolean debug() {
        String v = System.getenv("OXMETER_DEBUG");
        return v != null && !v.isEmpty() && !v.equals("0");
    }
}
