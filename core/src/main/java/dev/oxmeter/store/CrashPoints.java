package dev.oxmeter.store;

/**
 * Deterministic crash injection for the kill-and-resume tests: when the system property
 * {@code oxmeter.crash} names a point as {@code NAME:N}, the N-th time that point is reached the JVM halts at once
 * (no shutdown hooks, no cleanup: what SIGKILL does). Without the property this is a no-op.
 */
public final class CrashPoints {
    private static final String SPEC = System.getProperty("oxmeter.crash");
    private static final java.util.concurrent.ConcurrentHashMap<String, java.util.concurrent.atomic.AtomicInteger> HITS =
            new java.util.concurrent.ConcurrentHashMap<>();

    private CrashPoints() {
    }

    /** Halts the JVM with status 137 if {@code point} is the configured crash point and its count is reached. */
    public static void reached(String point) {
        if (SPEC == null) {
            return;
        }
        int colon = SPEC.lastIndexOf(':');
        String name = colon < 0 ? SPEC : SPEC.substring(0, colon);
        int n = colon < 0 ? 1 : Integer.parseInt(SPEC.substring(colon + 1));
        if (name.equals(point) && HITS.computeIfAbsent(point, p -> new java.util.concurrent.atomic.AtomicInteger())
                .incrementAndGet() == n) {
            Runtime.getRuntime().halt(137);
        }
    }
}
