package dev.oxmeter.fleet;

import dev.oxmeter.OxmeterException;

/** Turns a failure inside a repository's task into the one line a {@code repos} row shows. Stateless. */
final class Failures {
    private Failures() {
    }

    static String oneLine(Throwable e) {
        if (e instanceof OxmeterException) {
            return e.getMessage();
        }
        String m = e.getMessage();
        String s = e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
        return s.replaceAll("[\\r\\n]+", " ");
    }
}
