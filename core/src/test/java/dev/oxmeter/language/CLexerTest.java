package dev.oxmeter.language;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shared C tokenizer: token kinds, extents and lines, as the header sniffer and the helper scanner read them. */
class CLexerTest {

    /** "KIND text@line" per token of {@code source}. */
    private static List<String> tokens(String source) {
        byte[] b = source.getBytes(StandardCharsets.ISO_8859_1);
        CLexer lexer = new CLexer(b, 0, b.length);
        List<String> out = new ArrayList<>();
        while (lexer.next()) {
            out.add(name(lexer.kind()) + " " + new String(b, lexer.start(), lexer.end() - lexer.start(),
                    StandardCharsets.ISO_8859_1) + "@" + lexer.line());
        }
        return out;
    }

    private static String name(byte kind) {
        return switch (kind) {
            case CLexer.IDENT -> "IDENT";
            case CLexer.NUMBER -> "NUMBER";
            case CLexer.STRING -> "STRING";
            case CLexer.CHAR -> "CHAR";
            case CLexer.PUNCT -> "PUNCT";
            case CLexer.DIRECTIVE -> "DIRECTIVE";
            case CLexer.LINE_COMMENT -> "LINE_COMMENT";
            case CLexer.BLOCK_COMMENT -> "BLOCK_COMMENT";
            default -> throw new AssertionError(kind);
        };
    }

    @Test
    void splitsCodeCommentsLiteralsAndDirectives() {
        assertThat(tokens("""
                #include <stdio.h> // io
                /* two
                   lines */ int $x_1 = 0x1f + 1.5e3; // "not a string"
                char c = '\\'', *s = "a \\" /* b";
                """)).containsExactly(
                "DIRECTIVE #include <stdio.h> // io@1",
                "BLOCK_COMMENT /* two\n   lines */@2",
                "IDENT int@3", "IDENT $x_1@3", "PUNCT =@3", "NUMBER 0x1f@3", "PUNCT +@3", "NUMBER 1.5e3@3",
                "PUNCT ;@3", "LINE_COMMENT // \"not a string\"@3",
                "IDENT char@4", "IDENT c@4", "PUNCT =@4", "CHAR '\\''@4", "PUNCT ,@4", "PUNCT *@4", "IDENT s@4",
                "PUNCT =@4", "STRING \"a \\\" /* b\"@4", "PUNCT ;@4");
    }

    @Test
    void aDirectiveRunsOverContinuationsAndCommentsToItsLineEnd() {
        assertThat(tokens("#define F(x) \\\n  g(x) /* still\n the macro */ + 1\r\nint y;\n")).containsExactly(
                "DIRECTIVE #define F(x) \\\n  g(x) /* still\n the macro */ + 1\r@1", "IDENT int@4", "IDENT y@4",
                "PUNCT ;@4");
        assertThat(tokens("#define A \\\r\n  1\r\nB")).containsExactly("DIRECTIVE #define A \\\r\n  1\r@1",
                "IDENT B@3");
    }

    @Test
    void onlyAHashThatStartsItsLineStartsADirective() {
        assertThat(tokens("  /* c */ # if X\na # b\n")).containsExactly("BLOCK_COMMENT /* c */@1",
                "DIRECTIVE # if X@1", "IDENT a@2", "PUNCT #@2", "IDENT b@2");
        // a backslash outside a directive is a blank (a line continuation), not a token
        assertThat(tokens("x \\\n#define Y\n")).containsExactly("IDENT x@1", "DIRECTIVE #define Y@2");
    }

    @Test
    void anUnterminatedQuoteEndsAtItsLineAndTakesTheNewline() {
        assertThat(tokens("a = 'b\n#define X\n\"s\\\nt\" c")).containsExactly("IDENT a@1", "PUNCT =@1",
                "CHAR 'b\n@1", "PUNCT #@2", "IDENT define@2", "IDENT X@2", "STRING \"s\\\nt\"@3", "IDENT c@4");
    }

    @Test
    void unterminatedConstructsEndAtTheEndOfTheInput() {
        assertThat(tokens("/* open")).containsExactly("BLOCK_COMMENT /* open@1");
        assertThat(tokens("\"open")).containsExactly("STRING \"open@1");
        assertThat(tokens("#define X \\")).containsExactly("DIRECTIVE #define X \\@1");
        assertThat(tokens("")).isEmpty();
    }

    @Test
    void seekResumesAtAPositionWithItsLineNumber() {
        byte[] b = "#define A /* x\ny */ z\nw\n".getBytes(StandardCharsets.ISO_8859_1);
        CLexer lexer = new CLexer(b, 0, b.length);
        assertThat(lexer.next()).isTrue();
        assertThat(lexer.kind()).isEqualTo(CLexer.DIRECTIVE);
        lexer.seek(14, true); // the first newline: read what follows as code
        assertThat(lexer.next()).isTrue();
        assertThat(lexer.kind()).isEqualTo(CLexer.IDENT);
        assertThat(lexer.line()).isEqualTo(2);
        assertThat(lexer.next()).isTrue();
        assertThat(lexer.kind()).isEqualTo(CLexer.PUNCT);
        lexer.seek(2, false);
        assertThat(lexer.next()).isTrue();
        assertThat(lexer.kind()).isEqualTo(CLexer.IDENT);
        assertThat(lexer.line()).isEqualTo(1);
        assertThatThrownBy(() -> lexer.seek(b.length + 1, true)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void tokensCollectTheCursorsStreamAndIndexTheCode() {
        String src = "// c\nint /* x */ rust_helper_a(void) { return 0; }\n";
        byte[] b = ("xx" + src).getBytes(StandardCharsets.ISO_8859_1);
        CTokens t = CTokens.lex(b, 2, b.length);
        assertThat(t.size()).isEqualTo(tokens(src).size());
        assertThat(t.kind(0)).isEqualTo(CTokens.LINE_COMMENT);
        assertThat(t.start(0)).isEqualTo(2);
        int[] code = t.code();
        assertThat(code).hasSize(t.size() - 2);
        assertThat(t.isIdent(code[0], "int")).isTrue();
        assertThat(t.text(code[1])).isEqualTo("rust_helper_a");
        assertThat(t.line(code[1])).isEqualTo(2);
        assertThat(t.isPunct(code[2], '(')).isTrue();
        assertThat(t.isComment(1)).isFalse();
        assertThat(t.isComment(2)).isTrue();
        assertThatThrownBy(() -> CTokens.lex(b, 3, 2)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
