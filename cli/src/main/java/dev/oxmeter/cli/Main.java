package dev.oxmeter.cli;

import dev.oxmeter.OxmeterException;
import dev.oxmeter.IoReason;
import dev.oxmeter.WriteFailure;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code oxmeter} command: subcommands, and the one-line error policy. */
@Command(name = "oxmeter", mixinStandardHelpOptions = true, version = "oxmeter 0.1.0",
        description = "Measures how a codebase adopts Rust, straight from its git history.",
        subcommands = {ScanCommand.class, HistoryCommand.class, PeopleCommand.class, OwnersCommand.class,
                SafetyCommand.class, BoundaryCommand.class, FixesCommand.class, ReportCommand.class, SqlCommand.class,
                ExportCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    /** Exit code for bad input (bad repository, revision, option value ...). */
    public static final int EXIT_USAGE = 2;
    /** Exit code for an unexpected internal failure. */
    public static final int EXIT_INTERNAL = 70;
    /** Exit code when the output or the store cannot be written (disk full, permission denied ...). */
    public static final int EXIT_IO = 74;
    /** Exit code when the reader of stdout went away (a pipe into {@code head}): what SIGPIPE gives other tools. */
    public static final int EXIT_PIPE = 141;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line with the process's standard streams and returns the exit code. */
    public static int run(String... args) {
        return run(new FileOutputStream(FileDescriptor.out), new FileOutputStream(FileDescriptor.err), args);
    }

    /**
     * Runs the command line writing to {@code stdout} and {@code stderr} and returns the exit code. A write to
     * stdout that fails (a full disk) makes the run fail with one line on stderr, whatever the command returned.
     */
    static int run(OutputStream stdout, OutputStream stderr, String... args) {
        CheckedStream out = new CheckedStream(stdout);
        CommandLine cl = commandLine();
        cl.setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), false));
        cl.setErr(new PrintWriter(new OutputStreamWriter(stderr, StandardCharsets.UTF_8), true));
        int code = cl.execute(args);
        cl.getOut().flush();
        IOException failure = out.failure();
        if (failure != null) {
            if (String.valueOf(failure.getMessage()).contains("Broken pipe")) {
                return EXIT_PIPE;
            }
            cl.getErr().println("oxmeter: cannot write to standard output: " + IoReason.of(failure));
            code = code == 0 ? EXIT_IO : code;
        }
        cl.getErr().flush();
        return code;
    }

    /** Remembers the first write failure, which a {@link PrintWriter} would otherwise swallow. */
    private static final class CheckedStream extends FilterOutputStream {
        private IOException failure;

        CheckedStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (failure != null) {
                throw failure;
            }
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                failure = failure == null ? e : failure;
                throw e;
            }
        }

        IOException failure() {
            return failure;
        }
    }

    /** The configured command line, so tests can set their own writers. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        // a query may begin with a "-- comment"; it is a query, not an option
        cl.getSubcommands().get("sql").setUnmatchedOptionsArePositionalParams(true);
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            PrintWriter err = cmd.getErr();
            if (ex instanceof WriteFailure) {
                err.println("oxmeter: " + ex.getMessage());
                err.flush();
                return EXIT_IO;
            }
            if (ex instanceof OxmeterException) {
                err.println("oxmeter: " + ex.getMessage());
                err.flush();
                return EXIT_USAGE;
            }
            if (ex instanceof IllegalArgumentException) {
                err.println("oxmeter: " + ex.getMessage());
                err.flush();
                return EXIT_USAGE;
            }
            err.println("oxmeter: internal error: " + ex);
            if (System.getenv("OXMETER_DEBUG") != null) {
                ex.printStackTrace(err);
            } else {
                err.println("oxmeter: (set OXMETER_DEBUG=1 for details)");
            }
            err.flush();
            return EXIT_INTERNAL;
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("oxmeter: " + ex.getMessage());
            err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            err.flush();
            return EXIT_USAGE;
        });
        return cl;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
