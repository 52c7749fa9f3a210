package dev.oxmeter.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Loads the store's native library (DuckDB's JNI part) once, up front, with the process's stderr held back: the
 * driver prints a stack trace of its own when the library cannot load, and the user should see one line instead
 * (see {@link Failure}). A failure is remembered, not thrown: a run with {@code --no-store} does not need the
 * library. Called once, on the store engine's thread that {@link Main#main} starts ({@code System.err} is held
 * meanwhile; the command line writes to the standard error stream through a writer of its own); not thread-safe.
 */
final class NativeLibraries {
    private static volatile String failure;

    private NativeLibraries() {
    }

    /**
     * Initialises DuckDB's native part and says whether it could; afterwards {@link #failure()} says why it could not.
     * Whatever else reached {@code System.err} meanwhile is passed on when the library loaded.
     */
    static boolean load() {
        PrintStream saved = System.err;
        ByteArrayOutputStream held = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(held, true, StandardCharsets.UTF_8));
            Class.forName("org.duckdb.DuckDBNative", true, NativeLibraries.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            failure = "the DuckDB driver is not on the class path";
        } catch (LinkageError | RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            failure = root.getClass().getSimpleName() + ": " + Failure.firstLine(root.getMessage());
        } finally {
            System.setErr(saved);
        }
        if (failure != null) {
            return false; // the driver's own stack trace is dropped: Failure says it in one line
        }
        if (held.size() > 0) {
            saved.write(held.toByteArray(), 0, held.size());
            saved.flush();
        }
        return true;
    }

    /** Why the native library could not be loaded, or null (loaded, or not tried). */
    static String failure() {
        return failure;
    }
}
