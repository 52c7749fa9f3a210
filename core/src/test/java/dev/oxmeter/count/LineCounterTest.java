package dev.oxmeter.count;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oxmeter.language.Category;
import dev.oxmeter.language.Language;
import dev.oxmeter.language.LanguageCatalog;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LineCounterTest {
    private static final LanguageCatalog CATALOG = LanguageCatalog.standard();
    private static final Language C = CATALOG.byName("C").orElseThrow();
    private static final Language RUST = CATALOG.byName("Rust").orElseThrow();
    private static final Language TEXT = CATALOG.byName("Text").orElseThrow();

    private static LineCounts count(Language l, String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        return LineCounter.count(l, b, 0, b.length);
    }

    @Test
    void emptyTextHasNoLines() {
        assertThat(count(C, "")).isEqualTo(LineCounts.ZERO);
        assertThat(count(TEXT, "")).isEqualTo(LineCounts.ZERO);
    }

    @Test
    void aLoneNewlineIsOneBlankLine() {
        assertThat(count(C, "\n")).isEqualTo(LineCounts.of(0, 0, 1));
        assertThat(count(TEXT, "\n")).isEqualTo(LineCounts.of(0, 0, 1));
    }

    @Test
    void aFinalLineWithoutNewlineCounts() {
        assertThat(count(C, "int x;")).isEqualTo(LineCounts.of(1, 0, 0));
        assertThat(count(C, "int x;\n// c")).isEqualTo(LineCounts.of(1, 1, 0));
        assertThat(count(C, "int x;\n   ")).isEqualTo(LineCounts.of(1, 0, 1));
        assertThat(count(TEXT, "a\nb")).isEqualTo(LineCounts.of(2, 0, 0));
    }

    @Test
    void crlfEndsOneLineAndALoneCrIsWhitespace() {
        assertThat(count(C, "int a;\r\n\r\n// c\r\n")).isEqualTo(LineCounts.of(1, 1, 1));
        assertThat(count(C, "\r\n")).isEqualTo(LineCounts.of(0, 0, 1));
        assertThat(count(C, "int a;\rint b;\n")).isEqualTo(LineCounts.of(1, 0, 0));
        assertThat(count(C, "\r\r\n")).isEqualTo(LineCounts.of(0, 0, 1));
        assertThat(count(C, "/* a\r\n\r\n b */\r\n")).isEqualTo(LineCounts.of(0, 2, 1));
    }

    @Test
    void aBackslashCrlfContinuesALineComment() {
        assertThat(count(C, "// a \\\r\n b\r\nint x;\r\n")).isEqualTo(LineCounts.of(1, 2, 0));
    }

    @Test
    void whitespaceOnlyLinesAreBlankEvenInsideCommentsAndStrings() {
        assertThat(count(C, "/*\n\t \n*/\n")).isEqualTo(LineCounts.of(0, 2, 1));
        assertThat(count(RUST, "let s = \"a\n   \nb\";\n")).isEqualTo(LineCounts.of(2, 0, 1));
    }

    @Test
    void latin1AndInvalidUtf8AreJustBytes() {
        byte[] b = {'/', '/', ' ', (byte) 0xE9, '\n', 'x', '=', (byte) 0xFF, (byte) 0xC3, ';', '\n', (byte) 0xA0, '\n'};
        // 0xA0 (a Latin-1 no-break space) is not whitespace to a byte counter: the line is code.
        assertThat(LineCounter.count(C, b, 0, b.length)).isEqualTo(LineCounts.of(2, 1, 0));
    }

    @Test
    void countsOnlyTheGivenRange() {
        byte[] b = "XXint a;\n// c\nYY".getBytes(StandardCharsets.US_ASCII);
        assertThat(LineCounter.count(C, b, 2, b.length - 4)).isEqualTo(LineCounts.of(1, 1, 0));
        // The range ends inside a raw string / comment: no read past it.
        byte[] r = "r#\"abc\"#".getBytes(StandardCharsets.US_ASCII);
        assertThat(LineCounter.count(RUST, r, 0, 5)).isEqualTo(LineCounts.of(1, 0, 0));
        assertThatThrownBy(() -> LineCounter.count(C, b, 3, b.length)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void rustCharsLifetimesAndRawStrings() {
        assertThat(count(RUST, "let c = '\"'; /* x */\n")).isEqualTo(LineCounts.of(1, 0, 0));
        assertThat(count(RUST, "fn f<'a>(x: &'a str) {} /* x\n*/\n")).isEqualTo(LineCounts.of(1, 1, 0));
        assertThat(count(RUST, "let s = r##\"\"# /*\"##;\n// c\n")).isEqualTo(LineCounts.of(1, 1, 0));
        assertThat(count(RUST, "let s = br\"\\\"; // raw: no escape\n")).isEqualTo(LineCounts.of(1, 0, 0));
        assertThat(count(RUST, "let q = b'\\''; // c\n/* c */\n")).isEqualTo(LineCounts.of(1, 1, 0));
        // "r" at the end of an identifier is not a raw-string prefix: the string is ordinary and escapes work.
        assertThat(count(RUST, "for\"\\\"/*\";\n// c\n")).isEqualTo(LineCounts.of(1, 1, 0));
    }

    @Test
    void docCommentsAreComments() {
        assertThat(count(RUST, "/// doc\n//! inner\n/** block */\nfn f() {}\n")).isEqualTo(LineCounts.of(1, 3, 0));
    }

    @Test
    void classifyReportsEveryLineInOrder() {
        byte[] b = "int a;\n\n// c\nb".getBytes(StandardCharsets.US_ASCII);
        List<Integer> kinds = new ArrayList<>();
        LineCounts c = LineCounter.classify(C, b, 0, b.length, kinds::add);
        assertThat(kinds).containsExactly(LineCounter.CODE, LineCounter.BLANK, LineCounter.COMMENT, LineCounter.CODE);
        assertThat(c).isEqualTo(LineCounts.of(2, 1, 1));
    }

    @Test
    void aLanguageBuiltFromLineCommentsAloneWorks() {
        Language l = new Language("Toy", Category.PROGRAMMING, List.of("%"));
        assertThat(count(l, "% c\nx % c\n\n")).isEqualTo(LineCounts.of(1, 1, 1));
    }

    /**
     * Whatever the bytes, every language gives lines = physical lines, and classify agrees with count. The bytes
     * are drawn from an alphabet rich in delimiters so that every state and every truncation is visited.
     */
    @Test
    void linesAlwaysEqualPhysicalLinesForEveryLanguage() {
        String[] atoms = {"\n", "\r\n", "\r", " ", "\t", "x", "é", "\\", "\"", "'", "`", "/", "*", "#", "-", "[", "]",
            "=", "(", ")", ";", "<!--", "-->", "\"\"\"", "'''", "r#\"", "\"#", "R\"d(", ")d\"", "--[[", "]]", "#[[",
            "=pod", "=cut", "__END__", "{-", "-}", "(*", "*)", "#|", "|#", "<#", "#>", "'a", "'\\n'", "b'x'", "\0"};
        Random rnd = new Random(42);
        for (Language lang : CATALOG.languages()) {
            for (int round = 0; round < 60; round++) {
                StringBuilder sb = new StringBuilder();
                int n = rnd.nextInt(80);
                for (int k = 0; k < n; k++) {
                    sb.append(atoms[rnd.nextInt(atoms.length)]);
                }
                byte[] b = sb.toString().getBytes(StandardCharsets.UTF_8);
                LineCounts c = LineCounter.count(lang, b, 0, b.length);
                assertThat(c.lines()).as("%s: %s", lang, sb).isEqualTo(FixtureTest.physicalLines(b));
                List<Integer> kinds = new ArrayList<>();
                assertThat(LineCounter.classify(lang, b, 0, b.length, kinds::add)).isEqualTo(c);
                assertThat(kinds).hasSize((int) c.lines());
            }
        }
    }
}
