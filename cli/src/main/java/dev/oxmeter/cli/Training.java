package dev.oxmeter.cli;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The launcher's class-data training run: runs several command lines in one JVM, so that the list of classes the
 * JVM dumps covers what each command loads (its options, its tables, the store, the library). Arguments are the
 * command lines separated by {@code ::}; output is discarded. Exits 1 when a command line fails, so the launcher
 * records no archive from a run that went wrong. Not part of the command line's interface.
 */
public final class Training {
    private Training() {
    }

    public static void main(String[] args) {
        dev.oxmeter.Oxmeter.startStoreEngine(NativeLibraries::load);
        int failed = 0;
        for (List<String> line : commandLines(args)) {
            if (Main.run(OutputStream.nullOutputStream(), OutputStream.nullOutputStream(),
                    line.toArray(String[]::new)) != 0) {
                failed++;
            }
        }
        dev.oxmeter.Oxmeter.awaitStoreEngine();
        System.exit(failed == 0 ? 0 : 1);
    }

    static List<List<String>> commandLines(String[] args) {
        List<List<String>> lines = new ArrayList<>();
        int from = 0;
        for (int i = 0; i <= args.length; i++) {
            if (i == args.length || args[i].equals("::")) {
                if (i > from) {
                    lines.add(Arrays.asList(args).subList(from, i));
                }
                from = i + 1;
            }
        }
        return lines;
    }
}
