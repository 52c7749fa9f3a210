package dev.oxmeter.cli;

import dev.oxmeter.OxmeterException;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code oxmeter completion}: the shell completion script, generated from the command model. */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Print a completion script for bash or zsh, generated from oxmeter's commands and options.",
                "bash: source <(oxmeter completion bash)   (or save it in ~/.local/share/bash-completion/completions/oxmeter)",
                "zsh:  source <(oxmeter completion zsh)    (the script loads zsh's bashcompinit)"})
final class CompletionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SHELL", description = "bash or zsh.")
    String shell;

    @Override
    public Integer call() {
        String s = shell.strip().toLowerCase(Locale.ROOT);
        if (!s.equals("bash") && !s.equals("zsh")) {
            throw new OxmeterException("completion: unknown shell '" + shell + "' (expected bash or zsh)");
        }
        // picocli's script serves both: under zsh it loads bashcompinit first
        String script = AutoComplete.bash("oxmeter", spec.root().commandLine());
        spec.commandLine().getOut().print(script);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
