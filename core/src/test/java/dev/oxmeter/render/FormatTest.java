package dev.oxmeter.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Format names: case and spaces do not matter; an unknown one is told the formats, extras of the command last. */
class FormatTest {
    @Test
    void parsesNamesAndListsTheFormatsWhenUnknown() {
        assertThat(Format.parse(" Csv ")).isEqualTo(Format.CSV);
        assertThat(Format.parse("md", "thanks")).isEqualTo(Format.MD);
        assertThatThrownBy(() -> Format.parse("pdf")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown format 'pdf' (expected table, json, csv or md)");
        assertThatThrownBy(() -> Format.parse("pdf", "thanks"))
                .hasMessage("unknown format 'pdf' (expected table, json, csv, md or thanks)");
    }
}
