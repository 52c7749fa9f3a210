package dev.oxmeter.cli;

import static dev.oxmeter.source.TestRepos.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import dev.oxmeter.render.TableWriter;
import dev.oxmeter.source.TestRepos;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What oxmeter promises about text that comes from a repository (paths, names, trailers) when it reaches a terminal,
 * a spreadsheet or a thank-you list: each test name is one promise (README, "Reliability").
 */
class OutputSafetyTest {
    private static final String ESC = "\u001b";
    /** Sets the terminal window's title, then turns the text red: what a hostile path or name would try. */
    private static final String HOSTILE = ESC + "]0;pwned\u0007" + ESC + "[31m";

    @TempDir
    Path tmp;
    Path repo;

    @BeforeEach
    void history() throws Exception {
        repo = tmp.resolve("r.git");
        try (TestRepos t = TestRepos.bare(repo)) {
            t.commit(snapshot().file("src/" + HOSTILE + "x.rs", "fn x() {}\n").file("=HYPERLINK(1).rs", "fn h() {}\n")
                    .author("Eve " + HOSTILE + "Red", "eve@example.com")
                    .message("add x\n\nAcked-by: </style>… <style@x.org>\nReviewed-by: \"Doe, John\" <jd@x.org>\n"));
            t.commit(snapshot().file("src/" + HOSTILE + "x.rs", "fn x() {}\nfn y() {}\n")
                    .file("=HYPERLINK(1).rs", "fn h() {}\n").file("b.rs", "fn b() {}\n")
                    .author("Doe, John", "jd@x.org").message("more"));
            t.commit(snapshot().file("src/" + HOSTILE + "x.rs", "fn x() {}\nfn y() {}\n")
                    .file("=HYPERLINK(1).rs", "fn h() {}\n").file("b.rs", "fn b() {}\nfn c() {}\n")
                    .author("Ann \"Quote\" Lee", "ann@x.org").message("again"));
        }
    }

    @Test
    void controlCharactersInPathsAndNamesNeverReachTheTerminalRawInTableOrMarkdown() {
        for (String format : new String[] {"table", "md"}) {
            // Markdown doubles the backslash of the escape so that it renders as \x1b
            String bs = format.equals("md") ? "\\\\" : "\\";
            Cli.Result files = Cli.run("scan", repo.toString(), "--by", "file", "--format", format, "--no-store");
            assertThat(files.exit()).as(files.err()).isZero();
            assertThat(files.out()).doesNotContain(ESC).doesNotContain("\u0007")
                    .contains("src/" + bs + "x1b]0;pwned" + bs + "x07" + bs + "x1b[31mx.rs");

            Cli.Result people = Cli.run("people", repo.toString(), "--lang", "rust", "--range", "..HEAD", "--format",
                    format, "--no-store", "-q");
            assertThat(people.exit()).as(people.err()).isZero();
            assertThat(people.out()).doesNotContain(ESC)
                    .contains("Eve " + bs + "x1b]0;pwned" + bs + "x07" + bs + "x1b[31mRed");
        }
        Cli.Result thanks = Cli.run("people", repo.toString(), "--lang", "rust", "--range", "..HEAD", "--format",
                "thanks", "--no-store", "-q");
        assertThat(thanks.out()).doesNotContain(ESC);
        Cli.Result bad = Cli.run("scan", repo.toString(), "--rev", "v" + HOSTILE, "--no-store");
        assertThat(bad.err()).doesNotContain(ESC).contains("\\x1b");
    }

    @Test
    void csvAndJsonKeepTheExactText() {
        Cli.Result csv = Cli.run("scan", repo.toString(), "--by", "file", "--format", "csv", "--no-store");
        assertThat(csv.out()).contains("src/" + HOSTILE + "x.rs");
        Cli.Result json = Cli.run("scan", repo.toString(), "--by", "file", "--format", "json", "--no-store");
        assertThat(json.out()).doesNotContain(ESC).contains("\\u001B]0;pwned");
    }

    @Test
    void csvSafeNeutralisesFormulaCellsButLeavesNumbersAlone() {
        Cli.Result plain = Cli.run("scan", repo.toString(), "--by", "file", "--format", "csv", "--no-store");
        assertThat(plain.out()).contains("\n=HYPERLINK(1).rs,Rust,");
        Cli.Result safe = Cli.run("scan", repo.toString(), "--by", "file", "--format", "csv", "--csv-safe",
                "--no-store");
        assertThat(safe.exit()).as(safe.err()).isZero();
        assertThat(safe.out()).contains("\n'=HYPERLINK(1).rs,Rust,1,1,").doesNotContain("\n=");

        assertThat(TableWriter.neutraliseCsv("a,b,c,d,e\n-3,+1.5,-x,@SUM(A1),\"\tcmd\"\n\nh\n=1\n"))
                .isEqualTo("a,b,c,d,e\n-3,+1.5,'-x,'@SUM(A1),'\tcmd\n\nh\n'=1\n");
    }

    @Test
    void aTrailerAddressIsTheLastAngleBracketsHoldingAnAt() {
        Cli.Result r = Cli.run("people", repo.toString(), "--lang", "rust", "--range", "..HEAD", "--format", "json",
                "--no-store", "-q");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"style@x.org\"").doesNotContain("\"/style\"");
    }

    @Test
    void thanksQuotesNamesHoldingACommaOrAQuoteSoTheListSplitsBackIntoTheSameNames() {
        Cli.Result r = Cli.run("people", repo.toString(), "--lang", "rust", "--range", "..HEAD", "--format",
                "thanks", "--no-store", "-q");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("..HEAD: \"Ann \"\"Quote\"\" Lee\", \"Doe, John\", "
                + "Eve \\x1b]0;pwned\\x07\\x1b[31mRed\n");
    }
}
