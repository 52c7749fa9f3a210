package dev.oxmeter.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Loads the store's native library (DuckDB's JNI part) once, up front, with the process's stderr held back: the
 * driver prints a stack trace of its own when the library cannot load, and the user should see one line instead
 * (see {@link Failure}). A failure is remembered, not thrown: a run with {@code --no-store} does not need the
 * library. Called once from {@link Main#main}, the owner of the process's streams; not thread-safe.
 */
final class NativeLibraries {
    private static volatile String failure;

    private NativeLibraries() {
    }

    /** Initialises DuckDB's native part; afterwards {@link #failure()} says why it could not, if it could not. */
    static void load() {
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
    }

    /** Why the native library could not be loaded, or null (loaded, or not tried). */
    static String failure() {
        return failure;
    }
}
