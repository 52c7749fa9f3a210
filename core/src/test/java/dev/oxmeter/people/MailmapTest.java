package dev.oxmeter.people;

import dev.oxmeter.OxmeterException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MailmapTest {

    private static Identity id(String name, String email) {
        return new Identity(name, email);
    }

    @Test
    void nameOnlyFormReplacesTheNameAndKeepsTheEmail() {
        Mailmap m = Mailmap.parse("Proper Name <commit@example.com>\n");
        assertThat(m.map("nick", "commit@example.com")).isEqualTo(id("Proper Name", "commit@example.com"));
        assertThat(m.map("nick", "other@example.com")).isEqualTo(id("nick", "other@example.com"));
    }

    @Test
    void emailOnlyFormReplacesTheEmailAndKeepsTheName() {
        Mailmap m = Mailmap.parse("<proper@example.com> <commit@example.com>\n");
        assertThat(m.map("Some One", "commit@example.com")).isEqualTo(id("Some One", "proper@example.com"));
    }

    @Test
    void nameAndEmailFormReplacesBoth() {
        Mailmap m = Mailmap.parse("Proper Name <proper@example.com> <commit@example.com>");
        assertThat(m.map("whoever", "commit@example.com")).isEqualTo(id("Proper Name", "proper@example.com"));
    }

    @Test
    void commitNameFormMatchesOnlyThatName() {
        Mailmap m = Mailmap.parse("Proper Name <proper@example.com> Commit Name <commit@example.com>");
        assertThat(m.map("Commit Name", "commit@example.com")).isEqualTo(id("Proper Name", "proper@example.com"));
        assertThat(m.map("Another", "commit@example.com")).isEqualTo(id("Another", "commit@example.com"));
    }

    @Test
    void emailAndNameAreComparedCaseInsensitivelyLikeGit() {
        Mailmap m = Mailmap.parse("""
                Proper Name <proper@example.com> Commit Name <Commit@Example.COM>
                Other <other@example.com> <MiXeD@example.com>
                """);
        assertThat(m.map("COMMIT NAME", "commit@example.com")).isEqualTo(id("Proper Name", "proper@example.com"));
        assertThat(m.map("x", "mixed@EXAMPLE.com")).isEqualTo(id("Other", "other@example.com"));
    }

    @Test
    void caseFoldingIsAsciiOnlyLikeStrcasecmp() {
        Mailmap m = Mailmap.parse("Proper <p@example.com> Björn <b@example.com>");
        assertThat(m.map("BJÖRN", "b@example.com")).isEqualTo(id("BJÖRN", "b@example.com"));
        assertThat(m.map("björn", "b@example.com")).isEqualTo(id("Proper", "p@example.com"));
    }

    @Test
    void nameSpecificEntryWinsOverTheEmailEntryAndFallsBackToIt() {
        Mailmap m = Mailmap.parse("""
                Simple <simple@example.com> <c@example.com>
                Special <special@example.com> Old Name <c@example.com>
                """);
        assertThat(m.map("Old Name", "c@example.com")).isEqualTo(id("Special", "special@example.com"));
        assertThat(m.map("New Name", "c@example.com")).isEqualTo(id("Simple", "simple@example.com"));
    }

    @Test
    void nameSpecificEntryReplacesWholesaleEvenWhenItSetsOnlyTheEmail() {
        // git: the matched name entry is used instead of the email entry, not merged with it.
        Mailmap m = Mailmap.parse("""
                Simple <c@example.com>
                <special@example.com> Old Name <c@example.com>
                """);
        assertThat(m.map("Old Name", "c@example.com")).isEqualTo(id("Old Name", "special@example.com"));
    }

    @Test
    void emailEntriesAccumulateFieldByFieldAndLaterLinesWin() {
        Mailmap m = Mailmap.parse("""
                <first@example.com> <c@example.com>
                First Name <c@example.com>
                Second Name <c@example.com>
                """);
        assertThat(m.map("x", "c@example.com")).isEqualTo(id("Second Name", "first@example.com"));
    }

    @Test
    void laterNameSpecificEntryReplacesEarlierOne() {
        Mailmap m = Mailmap.parse("""
                A <a@example.com> Old <c@example.com>
                B <b@example.com> old <C@example.com>
                """);
        assertThat(m.map("Old", "c@example.com")).isEqualTo(id("B", "b@example.com"));
    }

    @Test
    void emptyCommitEmailCanBeMapped() {
        Mailmap m = Mailmap.parse("Proper <proper@example.com> <>");
        assertThat(m.map("anon", "")).isEqualTo(id("Proper", "proper@example.com"));
        assertThat(m.problems()).isEmpty();
    }

    @Test
    void commentsBlankLinesAndTrailingCommentsAreIgnored() {
        Mailmap m = Mailmap.parse("""
                # a comment
                   # an indented comment

                A <a@example.com> <old@example.com> # moved to a new job
                B <b@example.com> # trailing
                """);
        assertThat(m.size()).isEqualTo(2);
        assertThat(m.problems()).isEmpty();
        assertThat(m.map("x", "old@example.com")).isEqualTo(id("A", "a@example.com"));
        assertThat(m.map("x", "b@example.com")).isEqualTo(id("B", "b@example.com"));
    }

    @Test
    void oddSpacingCrlfAndBomAreTolerated() {
        Mailmap m = Mailmap.parse("\uFEFF  Proper   Name  <proper@example.com><commit@example.com>\r\n"
                + "Tab\tName\t< spaced@example.com >\r\n");
        assertThat(m.problems()).isEmpty();
        assertThat(m.map("x", "commit@example.com")).isEqualTo(id("Proper   Name", "proper@example.com"));
        assertThat(m.map("x", "spaced@example.com")).isEqualTo(id("Tab\tName", "spaced@example.com"));
    }

    @Test
    void malformedLinesAreCollectedAsProblems() {
        Mailmap m = Mailmap.parse("""
                Good <good@example.com>
                No Email Here
                Unclosed <oops@example.com
                Empty <>
                Forgot <proper@example.com> Second Name
                <commit-only@example.com>
                """);
        assertThat(m.problems()).extracting(Mailmap.Problem::lineNumber).containsExactly(2, 3, 4, 5, 6);
        assertThat(m.problems().get(0).reason()).contains("no <email>");
        // Like git, line 5 is still read as "Forgot <proper@example.com>".
        assertThat(m.map("x", "proper@example.com")).isEqualTo(id("Forgot", "proper@example.com"));
        assertThat(m.map("x", "good@example.com")).isEqualTo(id("Good", "good@example.com"));
    }

    @Test
    void strictParsingNamesFileAndLine() {
        assertThatThrownBy(() -> Mailmap.parseStrict("Good <g@example.com>\n\nbroken line\n", "team.mailmap"))
                .isInstanceOf(OxmeterException.class)
                .hasMessageStartingWith("team.mailmap:3: ")
                .hasMessageContaining("broken line")
                .hasMessageNotContaining("\n");
        assertThat(Mailmap.parseStrict("Good <g@example.com>\n", "ok").size()).isEqualTo(1);
    }

    @Test
    void mergeLetsTheOtherMailmapWin() {
        Mailmap repo = Mailmap.parse("""
                Repo Name <repo@example.com> <c@example.com>
                Kept <kept@example.com> <k@example.com>
                """);
        Mailmap user = Mailmap.parse("User Name <c@example.com>");
        Mailmap merged = repo.merge(user);
        // Field by field, like git reading mailmap.file after .mailmap: the name is replaced, the email kept.
        assertThat(merged.map("x", "c@example.com")).isEqualTo(id("User Name", "repo@example.com"));
        assertThat(merged.map("x", "k@example.com")).isEqualTo(id("Kept", "kept@example.com"));
        assertThat(merged.size()).isEqualTo(3);
        assertThat(repo.map("x", "c@example.com")).isEqualTo(id("Repo Name", "repo@example.com"));
        assertThat(repo.merge(Mailmap.EMPTY)).isSameAs(repo);
    }

    @Test
    void emptyMailmapIsIdentity() {
        assertThat(Mailmap.EMPTY.map("A", "a@example.com")).isEqualTo(id("A", "a@example.com"));
        assertThat(Mailmap.EMPTY.map(null, null)).isEqualTo(id("", ""));
        assertThat(Mailmap.parse("").size()).isZero();
    }

    @Test
    void identityKeyIsLowerCasedEmailOrName() {
        assertThat(id("A", "Some.One@Example.COM").key()).isEqualTo("some.one@example.com");
        assertThat(id(" Syzbot ", "").key()).isEqualTo("name:syzbot");
        assertThat(id("A", "a@x").toString()).isEqualTo("A <a@x>");
        assertThat(id(null, null)).isEqualTo(id("", ""));
    }

    @Test
    void realKernelMailmap() throws IOException {
        Path file = TestData.find("shared/data/linux/mailmap").orElse(null);
        Assumptions.assumeTrue(file != null, "kernel mailmap test data not available");
        Mailmap m = Mailmap.parseStrict(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        assertThat(m.size()).isEqualTo(645);
        assertThat(m.problems()).isEmpty();

        // Line 424: name and email form.
        assertThat(m.map("Miguel Ojeda Sandonis", "miguel.ojeda.sandonis@gmail.com"))
                .isEqualTo(id("Miguel Ojeda", "ojeda@kernel.org"));
        // Line 204: name-only form keeps the old address.
        assertThat(m.map("Greg KH", "gregkh@suse.de")).isEqualTo(id("Greg Kroah-Hartman", "gregkh@suse.de"));
        // Line 102: the file spells the address with capitals; matching ignores case, the address is kept as is.
        assertThat(m.map("bs", "b.steinbrink@gmx.de")).isEqualTo(id("Björn Steinbrink", "b.steinbrink@gmx.de"));
        // Line 342: commit-name form.
        assertThat(m.map("Leonard Crestez", "cdleonard@gmail.com"))
                .isEqualTo(id("Leonard Crestez", "leonard.crestez@nxp.com"));
        assertThat(m.map("Somebody Else", "cdleonard@gmail.com"))
                .isEqualTo(id("Somebody Else", "cdleonard@gmail.com"));
        // Lines 372-373: an email entry and a name entry for the same address.
        assertThat(m.map("Marek Behun", "marek.behun@nic.cz")).isEqualTo(id("Marek Behún", "kabel@kernel.org"));
        assertThat(m.map("M. B.", "marek.behun@nic.cz")).isEqualTo(id("Marek Behún", "kabel@kernel.org"));
        // Line 517: only the old spelling of the name is mapped at the canonical address.
        assertThat(m.map("Ricardo Ribalda Delgado", "ribalda@kernel.org"))
                .isEqualTo(id("Ricardo Ribalda", "ribalda@kernel.org"));
        // Canonical addresses map to themselves.
        assertThat(m.map("Miguel Ojeda", "ojeda@kernel.org")).isEqualTo(id("Miguel Ojeda", "ojeda@kernel.org"));
    }
}
