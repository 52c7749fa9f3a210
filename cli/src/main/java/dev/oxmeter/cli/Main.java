package dev.oxmeter.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code oxmeter} command: subcommands, and the one-line error policy ({@link Failure}). */
@Command(name = "oxmeter", mixinStandardHelpOptions = true, version = "oxmeter 0.1.0",
        description = "Measures how a codebase adopts Rust, straight from its git history.",
        subcommands = {ScanCommand.class, HistoryCommand.class, PeopleCommand.class, OwnersCommand.class,
                SafetyCommand.class, BoundaryCommand.class, FixesCommand.class, ReportCommand.class, SqlCommand.class,
                ExportCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    /** Exit code for bad input (bad repository path, revision, option value ...). */
    public static final int EXIT_USAGE = Failure.USAGE;
    /** Exit code for a repository that cannot give what the run needs (missing or corrupt objects ...). */
    public static final int EXIT_REPOSITORY = Failure.REPOSITORY;
    /** Exit code for an unexpected internal failure: a bug. */
    public static final int EXIT_INTERNAL = Failure.INTERNAL;
    /** Exit code for a machine or installation that cannot run oxmeter (out of memory, native library). */
    public static final int EXIT_ENVIRONMENT = Failure.ENVIRONMENT;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        int code;
        try {
            if (mayOpenAStore(args)) {
                NativeLibraries.load();
            }
            code = run(args);
        } catch (Throwable t) {
            // the last line of defence: whatever escaped the command line still ends in one line
            code = Failure.report(t, new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8),
                    true));
        }
        System.exit(code);
    }

    /** False when the arguments certainly open no store (help, version, --no-store): loading DuckDB costs 0.2 s. */
    private static boolean mayOpenAStore(String[] args) {
        if (args.length == 0 || args[0].equals("help")) {
            return false;
        }
        for (String a : args) {
            if (a.equals("--")) {
                break;
            }
            if (a.equals("--no-store") || a.equals("-h") || a.equals("--help") || a.equals("-V")
                    || a.equals("--version")) {
                return false;
            }
        }
        return true;
    }

    /** Runs the command line with the process's standard streams and returns the exit code. */
    public static int run(String... args) {
        CommandLine cl = commandLine();
        cl.setOut(new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), false));
        cl.setErr(new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true));
        int code = cl.execute(args);
        cl.getOut().flush();
        cl.getErr().flush();
        return code;
    }

    /** The configured command line, so tests can set their own writers. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> Failure.report(ex, cmd.getErr()));
        // picocli hands exceptions to the handler above but lets Errors (out of memory, a library that cannot
        // load ...) through: catch them where the command runs, so they follow the same policy
        CommandLine.IExecutionStrategy run = new CommandLine.RunLast();
        cl.setExecutionStrategy(parseResult -> {
            try {
                return run.execute(parseResult);
            } catch (Error e) {
                CommandLine sub = parseResult.subcommands().isEmpty() ? parseResult.commandSpec().commandLine()
                        : parseResult.subcommands().get(parseResult.subcommands().size() - 1).commandSpec()
                                .commandLine();
                return Failure.report(e, sub.getErr());
            }
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("oxmeter: " + Failure.firstLine(ex.getMessage()) + " (try '"
                    + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
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
