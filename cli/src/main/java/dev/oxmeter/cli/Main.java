package dev.oxmeter.cli;

import dev.oxmeter.OxmeterException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code oxmeter} command: subcommands, and the one-line error policy. */
@Command(name = "oxmeter", mixinStandardHelpOptions = true, version = "oxmeter 0.1.0",
        description = "Measures how a codebase adopts Rust, straight from its git history.",
        subcommands = {ScanCommand.class, HistoryCommand.class, PeopleCommand.class, OwnersCommand.class,
                SafetyCommand.class, BoundaryCommand.class, ToolchainCommand.class, FixesCommand.class,
                ReportCommand.class, DiffCommand.class, CheckCommand.class, SqlCommand.class,
                ExportCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    /** Exit code for bad input (bad repository, revision, option value ...). */
    public static final int EXIT_USAGE = 2;
    /** Exit code for an unexpected internal failure. */
    public static final int EXIT_INTERNAL = 70;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
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
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            PrintWriter err = cmd.getErr();
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
