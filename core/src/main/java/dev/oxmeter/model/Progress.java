package dev.oxmeter.model;

/**
 * Receives progress of long phases (e.g. "blobs" with a known total). Implementations must be thread-safe:
 * workers call {@link #step(long)} concurrently.
 */
public interface Progress {
    Progress NONE = new Progress() {
        @Override
        public void phase(String name, long total) {
        }

        @Override
        public void step(long n) {
        }

        @Override
        public void done() {
        }
    };

    /** A new phase starts; {@code total} is its number of steps, or -1 when unknown. */
    void phase(String name, long total);

    void step(long n);

    /** The current phase ended. */
    void done();
}
