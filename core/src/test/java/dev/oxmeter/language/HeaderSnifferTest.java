package dev.oxmeter.language;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Where the sniffer's reading differs from the shared tokenizer's, it keeps its own: stored facts of {@code .h}
 * files depend on it. Each expectation is what the sniffer answered before it read tokens.
 */
class HeaderSnifferTest {

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", value = {
        // a preprocessor line ends at the first newline not after a backslash, even inside a comment
        "#endif /* a\\nnamespace x { */\\nint y;\\n => true",
        "#ifdef __cplusplus /* C++\\n */\\nnamespace x {}\\n#endif\\n => true",
        "#if 0 /* x\\n#else */\\nnamespace x {}\\n#endif\\n => true",
        // ... and a backslash before CR LF does not continue it
        "#define A \\\\\\r\\nnamespace x {\\r\\n => true",
        "int a;\\n#define A \\\\\\nnamespace x {\\n => false",
        // a // comment ending in a backslash continues on the next line
        "// comment \\\\\\nnamespace x {\\n => false",
        // a backslash or vertical tab before # makes it punctuation, and the rest of the line code
        "\\\\ #define namespace x {\\n => true",
        "\\v#define namespace x {\\n => true",
        // $ and digits separate words
        "$namespace x {\\n => true",
        "9class Foo {\\n => true",
        // an unterminated quote takes the newline: the next line is not a directive
        "x = 'a\\n#include <vector>\\n => false",
    })
    void keepsItsOwnReadingWhereTheTokenizerDiffers(String source, boolean cpp) {
        byte[] b = source.replace("\\n", "\n").replace("\\r", "\r").replace("\\v", "\u000b").replace("\\\\", "\\")
                .getBytes(StandardCharsets.ISO_8859_1);
        assertThat(HeaderSniffer.isCpp(b, b.length)).as(source).isEqualTo(cpp);
    }

    @Test
    void looksAtTheFirst64KiBOnly() {
        String pad = "int x;\n".repeat(HeaderSniffer.LIMIT / 7 + 1);
        byte[] late = (pad + "namespace a {}\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] early = ("namespace a {}\n" + pad).getBytes(StandardCharsets.ISO_8859_1);
        assertThat(HeaderSniffer.isCpp(late, late.length)).isFalse();
        assertThat(HeaderSniffer.isCpp(early, early.length)).isTrue();
    }
}
