package dev.oxmeter.cli;

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
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code oxmeter} command: subcommands, and the one-line error policy ({@link Failure}). */
@Command(name = "oxmeter", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = Main.DESCRIPTION,
        subcommands = {ScanCommand.class, HistoryCommand.class, PeopleCommand.class, OwnersCommand.class,
                SafetyCommand.class, BoundaryCommand.class, ToolchainCommand.class, FixesCommand.class,
                ReportCommand.class, DiffCommand.class, CheckCommand.class, SqlCommand.class,
                ExportCommand.class, CompletionCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    static final String DESCRIPTION = "Measures how a codebase adopts Rust, straight from its git history.";
    /**
     * The subcommands a run may build alone, by name, as the annotation above lists them (help, man pages and
     * completion read the annotation): finding a run's own by name spares reading 15 annotations, about a tenth of
     * the command line's set-up. CliConventionsTest checks that every subcommand is found here.
     */
    private static final Map<String, Class<?>> BY_NAME = Map.ofEntries(Map.entry("scan", ScanCommand.class),
            Map.entry("history", HistoryCommand.class), Map.entry("people", PeopleCommand.class),
            Map.entry("owners", OwnersCommand.class), Map.entry("safety", SafetyCommand.class),
            Map.entry("boundary", BoundaryCommand.class), Map.entry("toolchain", ToolchainCommand.class),
            Map.entry("fixes", FixesCommand.class), Map.entry("report", ReportCommand.class),
            Map.entry("diff", DiffCommand.class), Map.entry("check", CheckCommand.class),
            Map.entry("sql", SqlCommand.class), Map.entry("export", ExportCommand.class));

    /** Exit code for bad input (bad repository path, revision, option value ...). */
    public static final int EXIT_USAGE = Failure.USAGE;
    /** Exit code for a repository that cannot give what the run needs (missing or corrupt objects ...). */
    public static final int EXIT_REPOSITORY = Failure.REPOSITORY;
    /** Exit code for an unexpected internal failure: a bug. */
    public static final int EXIT_INTERNAL = Failure.INTERNAL;
    /** Exit code for a machine or installation that cannot run oxmeter (out of memory, native library). */
    public static final int EXIT_ENVIRONMENT = Failure.ENVIRONMENT;
    /** Exit code when the output or the store cannot be written (disk full, permission denied ...). */
    public static final int EXIT_IO = Failure.IO;
    /** Exit code when the reader of stdout went away (a pipe into {@code head}): what SIGPIPE gives other tools. */
    public static final int EXIT_PIPE = 141;

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
        int code;
        try {
            if (runsACommand(args)) {
                dev.oxmeter.Oxmeter.startWarmUp();
            }
            if (mayOpenAStore(args)) {
                // the native library (20 ms) loads on the engine's thread, while the command line is parsed
                dev.oxmeter.Oxmeter.startStoreEngine(NativeLibraries::load);
            }
            code = run(args);
        } catch (Throwable t) {
            // the last line of defence: whatever escaped the command line still ends in one line
            code = Failure.report(t, new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8),
                    true));
        }
        // the engine must not be torn down by the exit while its background start is still running
        dev.oxmeter.Oxmeter.awaitStoreEngine();
        System.exit(code);
    }

    /** False when the arguments certainly open no store (help, version, --no-store): loading DuckDB costs 0.2 s. */
    private static boolean mayOpenAStore(String[] args) {
        return runsACommand(args) && !hasOption(args, "--no-store");
    }

    /** False when the arguments are none, or only ask for help or the version. */
    private static boolean runsACommand(String[] args) {
        return args.length > 0 && !args[0].equals("help")
                && !hasOption(args, "-h", "--help", "-V", "--version");
    }

    /** Whether one of {@code options} comes before any {@code --}. */
    private static boolean hasOption(String[] args, String... options) {
        for (String a : args) {
            if (a.equals("--")) {
                return false;
            }
            for (String o : options) {
                if (a.equals(o)) {
                    return true;
                }
            }
        }
        return false;
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
        CommandLine cl = commandLineFor(args);
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

    /** The configured command line that {@code args} need ({@link #commandLine(String)}). */
    static CommandLine commandLineFor(String... args) {
        // "oxmeter --version" alone needs no subcommand; otherwise the first word may name the only one needed
        boolean versionOnly = args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"));
        return commandLine(versionOnly ? "" : args.length == 0 ? null : args[0]);
    }

    /** The configured command line with every subcommand, so tests can set their own writers. */
    public static CommandLine commandLine() {
        return commandLine(null);
    }

    /**
     * The configured command line for arguments starting with {@code first}: when it names a subcommand that
     * needs no other (not {@code help} nor {@code completion}), only that one is added, which spares picocli
     * reading the annotations of the 14 others (a fifth of a warm run); with {@code ""}, none is; otherwise all
     * are.
     */
    static CommandLine commandLine(String first) {
        boolean lean = "".equals(first) || first != null && BY_NAME.containsKey(first);
        CommandLine cl;
        if (lean) {
            // the root as the annotation declares it, without reading the annotations of every subcommand
            CommandLine.Model.CommandSpec root = CommandLine.Model.CommandSpec.wrapWithoutInspection(new Main())
                    .name("oxmeter").versionProvider(new Version());
            if (first.isEmpty()) {
                // only "oxmeter --version" parses the root's own options: a subcommand's arguments are all its own
                root.mixinStandardHelpOptions(true);
            }
            root.usageMessage().description(DESCRIPTION);
            cl = new CommandLine(root);
            if (!first.isEmpty()) {
                cl.addSubcommand(BY_NAME.get(first));
            }
        } else {
            cl = new CommandLine(new Main());
        }
        // wrap help at the terminal's width (80 columns in pipes) instead of a fixed 80
        cl.setUsageHelpAutoWidth(true);
        cl.setUsageHelpLongOptionsMaxWidth(30);
        // a query may begin with a "-- comment"; it is a query, not an option
        if (cl.getSubcommands().containsKey("sql")) {
            cl.getSubcommands().get("sql").setUnmatchedOptionsArePositionalParams(true);
        }
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
            String suggestion = "";
            if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
                // picocli's did-you-mean, for commands and options alike; its best guess only
                suggestion = ". Did you mean: " + ex.getCommandLine().getCommandSpec().qualifiedName() + " "
                        + u.getSuggestions().get(0) + "?";
            }
            err.println("oxmeter: " + Failure.firstLine(ex.getMessage()) + suggestion + " (try '"
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
