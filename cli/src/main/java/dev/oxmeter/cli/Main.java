package dev.oxmeter.cli;

import dev.oxmeter.OxmeterException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code oxmeter} command: subcommands, and the one-line error policy. */
@Command(name = "oxmeter", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Measures how a codebase adopts Rust, straight from its git history.",
        subcommands = {ScanCommand.class, HistoryCommand.class, PeopleCommand.class, OwnersCommand.class,
                SafetyCommand.class, BoundaryCommand.class, FixesCommand.class, ReportCommand.class, SqlCommand.class,
                ExportCommand.class, CompletionCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    /** Exit code for bad input (bad repository, revision, option value ...). */
    public static final int EXIT_USAGE = 2;
    /** Exit code for an unexpected internal failure. */
    public static final int EXIT_INTERNAL = 70;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** {@code --version}: the library's version. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"oxmeter " + dev.oxmeter.Version.VERSION};
        }
    }

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
        // wrap help at the terminal's width (80 columns in pipes) instead of a fixed 80
        cl.setUsageHelpAutoWidth(true);
        cl.setUsageHelpLongOptionsMaxWidth(30);
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
            if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
                // picocli's did-you-mean, for commands and options alike; its best guess only
                err.println("Did you mean: " + ex.getCommandLine().getCommandSpec().qualifiedName() + " "
                        + u.getSuggestions().get(0) + "?");
            }
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
