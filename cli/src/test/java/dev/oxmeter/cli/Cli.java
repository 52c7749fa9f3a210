package dev.oxmeter.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the oxmeter command line in-process with captured output. */
final class Cli {
    record Result(int exit, String out, String err) {
    }

    static Result run(String... args) {
        // the command line a run builds: only the subcommand named, as in the oxmeter process
        CommandLine cl = Main.commandLineFor(args);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    /** Assertion helpers. */
    static final class Run {
        static Result ok(Result r) {
            if (r.exit() != 0) {
                throw new AssertionError("exit " + r.exit() + ": " + r.err());
            }
            return r;
        }

        private Run() {
        }
    }

    private Cli() {
    }
}
