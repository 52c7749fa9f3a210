package dev.oxmeter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingTest {
    @Test
    void commandLinesAreSplitAtDoubleColons() {
        assertThat(Training.commandLines(new String[] {"scan", "repo", "::", "history", "repo", "-q", "::", "::",
            "sql", "SELECT 1 :: INT", "repo", "::"}))
                .containsExactly(List.of("scan", "repo"), List.of("history", "repo", "-q"),
                        List.of("sql", "SELECT 1 :: INT", "repo"));
        assertThat(Training.commandLines(new String[0])).isEmpty();
    }
}
