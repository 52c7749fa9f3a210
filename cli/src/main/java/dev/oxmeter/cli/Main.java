package dev.oxmeter.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code oxmeter} command. */
@Command(name = "oxmeter", mixinStandardHelpOptions = true, version = "oxmeter 0.1.0",
        description = "Measures how a codebase adopts Rust, straight from its git history.",
        subcommands = {CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code; never calls {@link System#exit}. */
    public static int run(String... args) {
        return new CommandLine(new Main()).execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
