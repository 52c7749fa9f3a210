package dev.oxmeter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** Did-you-mean, help texts, completion and man pages: what a user of any command line expects. */
class CliConventionsTest {
    /** Every command, the root included, as its help prints it. */
    private static Map<String, CommandLine> commands() {
        Map<String, CommandLine> out = new java.util.LinkedHashMap<>();
        CommandLine root = Main.commandLine();
        out.put("oxmeter", root);
        root.getSubcommands().forEach((n, c) -> out.put("oxmeter " + n, c));
        return out;
    }

    @Test
    void aRunBuildsOnlyItsSubcommandAndSaysWhatTheFullCommandLineSays() {
        for (String name : Main.commandLine().getSubcommands().keySet()) {
            for (String[] args : List.of(new String[] {name, "--help"}, new String[] {name, "--no-such-option"},
                    new String[] {name, "--version"})) {
                CommandLine lean = Main.commandLineFor(args);
                assertThat(lean.getSubcommands().keySet()).as(name)
                        .isEqualTo(name.equals("help") || name.equals("completion")
                                ? Main.commandLine().getSubcommands().keySet() : java.util.Set.of(name));
                assertThat(run(lean, args)).as(String.join(" ", args)).isEqualTo(run(Main.commandLine(), args));
            }
        }
        assertThat(Main.commandLineFor("--version").getSubcommands()).isEmpty();
        assertThat(run(Main.commandLineFor("--version"), "--version"))
                .isEqualTo(run(Main.commandLine(), "--version"));
    }

    private static String run(CommandLine cl, String... args) {
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        cl.setOut(new java.io.PrintWriter(out, true));
        cl.setErr(new java.io.PrintWriter(err, true));
        int code = cl.execute(args);
        return code + "\n" + out + "\n" + err;
    }

    @Test
    void misspelledCommandsAndOptionsGetASuggestion() {
        Cli.Result r = Cli.run("peeple");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("Did you mean: oxmeter people?");
        Cli.Result o = Cli.run("history", "--tag", "v1");
        assertThat(o.exit()).isEqualTo(2);
        assertThat(o.err()).contains("Did you mean: oxmeter history --tags");
    }

    @Test
    void helpTextsHaveNoTemplateLeftoversAndTrueDefaults() {
        List<String> problems = new ArrayList<>();
        commands().forEach((name, cl) -> {
            String help = cl.getUsageMessage(CommandLine.Help.Ansi.OFF);
            for (String leftover : List.of("${", "%n", "(default: null)", "default null")) {
                if (help.contains(leftover)) {
                    problems.add(name + ": help contains '" + leftover + "'");
                }
            }
            // a Java expression pasted into a text ("totals over a options.timeline")
            java.util.regex.Matcher expr = java.util.regex.Pattern
                    .compile("(?<![/\\w])(options|spec|common|timeline|rules|store)\\.[a-z]").matcher(help);
            if (expr.find()) {
                problems.add(name + ": help contains '" + expr.group() + "'");
            }
            for (OptionSpec o : cl.getCommandSpec().options()) {
                String description = String.join(" ", o.description());
                String rendered = String.join(" ", o.renderedDescription());
                String def = o.defaultValue();
                if (def != null && description.toLowerCase(Locale.ROOT).contains("default")
                        && !rendered.contains(def)) {
                    problems.add(name + " " + o.longestName() + ": claims a default but not its own: '" + def + "'");
                }
                if (o.description().length == 0 || description.isBlank()) {
                    problems.add(name + " " + o.longestName() + ": no description");
                }
            }
        });
        assertThat(problems).isEmpty();
    }

    @Test
    void defaultTimelinesAreTheCommandsOwn() {
        Map<String, CommandLine> sub = Main.commandLine().getSubcommands();
        for (String lens : List.of("owners", "safety", "boundary")) {
            String help = sub.get(lens).getUsageMessage(CommandLine.Help.Ansi.OFF).replaceAll("\\s+", " ");
            assertThat(help).as(lens).doesNotContain("every tag").contains("HEAD or --rev");
        }
        for (String timeline : List.of("history", "people", "fixes")) {
            assertThat(sub.get(timeline).getUsageMessage(CommandLine.Help.Ansi.OFF).replaceAll("\\s+", " ")).as(timeline)
                    .contains("Without a timeline option");
        }
    }

    @Test
    void everyCommandThatPrintsATitleTakesName() {
        for (String command : List.of("scan", "history", "people", "owners", "safety", "boundary", "fixes",
                "report")) {
            CommandSpec spec = Main.commandLine().getSubcommands().get(command).getCommandSpec();
            assertThat(spec.findOption("--name")).as(command + " --name").isNotNull();
        }
    }

    @Test
    void commandsListOnlyOptionsTheyUse() {
        Map<String, CommandLine> sub = Main.commandLine().getSubcommands();
        // sql reads a finished store: no progress, no worker threads, no title
        for (String o : List.of("--quiet", "--verbose", "--threads", "--name")) {
            assertThat(sub.get("sql").getCommandSpec().findOption(o)).as("sql " + o).isNull();
        }
        // people reads diffs, never whole blobs (it takes --allow-missing: a changed file's content may be absent)
        assertThat(sub.get("people").getCommandSpec().findOption("--max-blob-size")).as("people --max-blob-size")
                .isNull();
        assertThat(sub.get("people").getCommandSpec().findOption("--exclude")).isNotNull();
    }

    @Test
    void helpListsCompletionAndTheScriptsComplete() {
        Cli.Result help = Cli.Run.ok(Cli.run("--help"));
        assertThat(help.out()).contains("completion");
        Cli.Result bash = Cli.Run.ok(Cli.run("completion", "bash"));
        assertThat(bash.out()).contains("complete -F", "people", "--tags", "--exclude-tags");
        Cli.Result zsh = Cli.Run.ok(Cli.run("completion", "zsh"));
        assertThat(zsh.out()).contains("bashcompinit");
        Cli.Result fish = Cli.run("completion", "fish");
        assertThat(fish.exit()).isEqualTo(2);
        assertThat(fish.err()).startsWith("oxmeter: completion: unknown shell 'fish'");
    }

    @Test
    void manPagesAreGeneratedForEveryCommand() throws Exception {
        // written by the build (exec-maven-plugin, process-classes) from the same command model
        Path dir = Path.of("target/man");
        assertThat(dir.resolve("oxmeter.adoc")).exists();
        for (String command : Main.commandLine().getSubcommands().keySet()) {
            Path page = dir.resolve("oxmeter-" + command + ".adoc");
            assertThat(page).exists();
            assertThat(Files.readString(page)).contains(":doctype: manpage");
        }
    }

    @Test
    void versionIsTheLibrarys() {
        assertThat(Cli.Run.ok(Cli.run("--version")).out().strip()).isEqualTo("oxmeter " + dev.oxmeter.Version.VERSION);
    }
}
