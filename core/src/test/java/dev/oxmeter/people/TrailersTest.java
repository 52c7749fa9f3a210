package dev.oxmeter.people;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrailersTest {

    private static Identity id(String name, String email) {
        return new Identity(name, email);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = TrailersTest.class.getResourceAsStream("/people/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<String> keys(List<Trailer> trailers) {
        return trailers.stream().map(Trailer::key).toList();
    }

    @Test
    void realisticKernelMessage() throws IOException {
        List<Trailer> t = Trailers.parse(resource("kernel-message-1.txt"));
        assertThat(keys(t)).containsExactly("Fixes", "Cc", "Reported-by", "Closes", "Co-developed-by",
                "Signed-off-by", "Signed-off-by", "Reviewed-by", "Reviewed-by", "Link", "Signed-off-by");
        assertThat(t.get(0)).isEqualTo(new Trailer("Fixes",
                "0123456789ab (\"rust: kernel: add the frobnicator (with a twist)\")"));
        assertThat(t.get(1)).isEqualTo(new Trailer("Cc", "stable@vger.kernel.org",
                id("", "stable@vger.kernel.org")));
        assertThat(t.get(2).identity())
                .isEqualTo(id("", "syzbot+0123456789abcdef@syzkaller.appspotmail.com"));
        assertThat(t.get(3).identity()).isNull();
        assertThat(t.get(3).value()).isEqualTo("https://lore.kernel.org/r/000000000000abcdef@google.com/");
        assertThat(t.get(4).identity()).isEqualTo(id("Jane Doe", "jane@example.com"));
        assertThat(t.get(7).identity()).isEqualTo(id("Alice Example", "alice@example.net"));
        assertThat(t.get(8).identity()).isEqualTo(id("Bob Example", "bob@example.net"));
        assertThat(t.get(8).value()).isEqualTo("Bob Example <bob@example.net>");
        assertThat(t.get(10).identity()).isEqualTo(id("Miguel Ojeda", "ojeda@kernel.org"));

        assertThat(Trailers.fixes(t)).containsExactly(
                new FixesRef("0123456789ab", "rust: kernel: add the frobnicator (with a twist)"));
        assertThat(Trailers.people(t, "signed-off-by")).containsExactly(
                id("Jane Doe", "jane@example.com"), id("John Roe", "john@example.org"),
                id("Miguel Ojeda", "ojeda@kernel.org"));
    }

    @Test
    void bareNamesAndEmailOnlyValues() {
        String msg = """
                subject

                Reported-by: syzbot
                Reported-by: kernel test robot <lkp@intel.com>
                Reported-by: someone@example.com
                Tested-by: "Doe, Jane" <jane@example.com>
                """;
        assertThat(Trailers.parse(msg)).extracting(Trailer::identity).containsExactly(id("syzbot", ""),
                id("kernel test robot", "lkp@intel.com"), id("", "someone@example.com"),
                id("Doe, Jane", "jane@example.com"));
        assertThat(Trailers.parse(msg).get(0).identity().key()).isEqualTo("name:syzbot");
    }

    @Test
    void splitTrailerParagraphsAreAllCollected() {
        String msg = """
                subject

                Body text.

                Link: https://bugzilla.kernel.org/show_bug.cgi?id=1
                Reported-by: R <r@example.com>

                Closes: https://lore.kernel.org/all/x@y/

                Signed-off-by: A <a@example.com>
                """;
        assertThat(keys(Trailers.parse(msg))).containsExactly("Link", "Reported-by", "Closes", "Signed-off-by");
    }

    @Test
    void paragraphWithoutRecognisedKeyStopsTheUpwardWalk() {
        String msg = """
                subject

                Cc: early@example.com

                Example: value
                Result: value

                Signed-off-by: A <a@example.com>
                """;
        assertThat(keys(Trailers.parse(msg))).containsExactly("Signed-off-by");
    }

    @Test
    void subjectNeverHoldsTrailers() {
        assertThat(Trailers.parse("Fixes: the build")).isEmpty();
        assertThat(Trailers.parse("Signed-off-by: A <a@x>\nSigned-off-by: B <b@x>")).isEmpty();
        assertThat(Trailers.parse("")).isEmpty();
        assertThat(Trailers.parse("\n\n")).isEmpty();
    }

    @Test
    void simplestMessage() {
        assertThat(Trailers.parse("subject\n\nSigned-off-by: A U Thor <author@example.com>\n"))
                .containsExactly(new Trailer("Signed-off-by", "A U Thor <author@example.com>",
                        id("A U Thor", "author@example.com")));
    }

    @Test
    void onlyTheLastParagraphsCount() {
        String msg = """
                subject

                Reviewed-by: Not A Trailer <early@example.com>

                Some body text in between.

                Signed-off-by: A <a@example.com>
                """;
        assertThat(Trailers.people(Trailers.parse(msg), "Reviewed-by")).isEmpty();
        assertThat(keys(Trailers.parse(msg))).containsExactly("Signed-off-by");
    }

    @Test
    void bodyParagraphWithColonLinesAboveTrailersIsNotATrailerParagraph() {
        String msg = """
                subject

                Note: this is body text
                Result: it looks like a trailer

                Signed-off-by: A <a@example.com>
                """;
        assertThat(keys(Trailers.parse(msg))).containsExactly("Signed-off-by");
    }

    @Test
    void lastParagraphFollowsGitsQuarterRule() {
        String mixed = """
                subject

                This paragraph has prose
                and a sign-off without a blank line before it.
                Signed-off-by: A <a@example.com>
                """;
        // 1 trailer vs 2 other lines, with a recognised key: 3 >= 2, a trailer block for git.
        assertThat(keys(Trailers.parse(mixed))).containsExactly("Signed-off-by");

        String prose = """
                subject

                Line one of prose.
                Line two of prose.
                Line three: still prose.
                Line four of prose.
                """;
        // "Line three" is not a recognised key: needs every line to be a trailer.
        assertThat(Trailers.parse(prose)).isEmpty();

        String mostlyProse = """
                subject

                one
                two
                three
                four
                Signed-off-by: A <a@example.com>
                """;
        assertThat(Trailers.parse(mostlyProse)).isEmpty();
    }

    @Test
    void unknownKeysAreKeptWhenTheWholeParagraphIsTrailers() {
        String msg = "subject\n\nChange-Id: I0123\nX-Custom: yes\n";
        assertThat(Trailers.parse(msg)).containsExactly(new Trailer("Change-id", "I0123"),
                new Trailer("X-custom", "yes"));
    }

    @Test
    void keysAreCaseInsensitiveAndCanonicalised() {
        String msg = "subject\n\nco-developed-by: A <a@x.org>\nSIGNED-OFF-BY: A <a@x.org>\nCC: b@x.org\n"
                + "Acked-By : C <c@x.org>\n";
        assertThat(keys(Trailers.parse(msg)))
                .containsExactly("Co-developed-by", "Signed-off-by", "Cc", "Acked-by");
    }

    @Test
    void continuationLinesAreUnfolded() {
        String msg = """
                subject

                Fixes: 0123456789ab ("some subsystem: a very long subject line that had
                  to be wrapped")
                Signed-off-by: Very Long Name
                  <long@example.com>
                """;
        List<Trailer> t = Trailers.parse(msg);
        assertThat(t.get(0).value())
                .isEqualTo("0123456789ab (\"some subsystem: a very long subject line that had to be wrapped\")");
        assertThat(t.get(1).identity()).isEqualTo(id("Very Long Name", "long@example.com"));
    }

    @Test
    void notesCommentsAndCherryPickLinesAreIgnored() {
        String msg = """
                subject

                Signed-off-by: A <a@example.com>
                [akpm@linux-foundation.org: coding-style fixes]
                # a comment line
                [ multi-line note
                Which: is not a trailer ]
                Signed-off-by: Andrew <akpm@linux-foundation.org>
                (cherry picked from commit 0123456789abcdef0123456789abcdef01234567)
                """;
        assertThat(Trailers.parse(msg)).extracting(Trailer::value)
                .containsExactly("A <a@example.com>", "Andrew <akpm@linux-foundation.org>");
    }

    @Test
    void unterminatedNoteDoesNotSwallowTrailers() {
        String msg = """
                subject

                [   12.345678] BUG: unable to handle page fault
                Reported-by: B <b@example.com>
                Signed-off-by: A <a@example.com>
                """;
        assertThat(keys(Trailers.parse(msg))).containsExactly("Reported-by", "Signed-off-by");
    }

    @Test
    void cherryPickParagraphAtTheEndKeepsTheTrailersAbove() {
        String msg = "subject\n\nbody\n\nSigned-off-by: A <a@example.com>\n\n"
                + "(cherry picked from commit 0123456789abcdef0123456789abcdef01234567)\n";
        assertThat(keys(Trailers.parse(msg))).containsExactly("Signed-off-by");
    }

    @Test
    void trailingCommentParagraphIsSkipped() {
        String msg = "subject\n\nSigned-off-by: A <a@example.com>\n\n# Please enter the commit message\n";
        assertThat(keys(Trailers.parse(msg))).containsExactly("Signed-off-by");
    }

    @Test
    void urlsOnTheirOwnLineAreNotTrailers() {
        String msg = "subject\n\nhttps://example.com/bug/1\nSigned-off-by: A <a@example.com>\n";
        // The URL line is prose for git too; 1 trailer vs 1 other line with a recognised key still passes.
        assertThat(Trailers.parse(msg)).extracting(Trailer::key).containsExactly("Signed-off-by");
        assertThat(Trailers.parse("subject\n\nhttps://example.com/x\n")).isEmpty();
    }

    @Test
    void crlfMessages() {
        String msg = "subject\r\n\r\nSigned-off-by: A <a@example.com>\r\nLink: https://x/y\r\n";
        assertThat(Trailers.parse(msg)).containsExactly(
                new Trailer("Signed-off-by", "A <a@example.com>", id("A", "a@example.com")),
                new Trailer("Link", "https://x/y"));
    }

    @Test
    void identityShapes() {
        assertThat(Trailers.parseIdentity("Jane Doe <jane@example.com>")).isEqualTo(id("Jane Doe", "jane@example.com"));
        assertThat(Trailers.parseIdentity("Jane Doe<jane@example.com>")).isEqualTo(id("Jane Doe", "jane@example.com"));
        assertThat(Trailers.parseIdentity("  Jane   Doe  <  jane@example.com  >"))
                .isEqualTo(id("Jane   Doe", "jane@example.com"));
        assertThat(Trailers.parseIdentity("<jane@example.com>")).isEqualTo(id("", "jane@example.com"));
        assertThat(Trailers.parseIdentity("jane@example.com")).isEqualTo(id("", "jane@example.com"));
        assertThat(Trailers.parseIdentity("jane@example.com (Jane Doe)")).isEqualTo(id("Jane Doe", "jane@example.com"));
        assertThat(Trailers.parseIdentity("Jane Doe jane@example.com")).isEqualTo(id("Jane Doe", "jane@example.com"));
        assertThat(Trailers.parseIdentity("Jane Doe <jane@example.com")).isEqualTo(id("Jane Doe", "jane@example.com"));
        assertThat(Trailers.parseIdentity("\"Doe, Jane\" <jane@example.com>")).isEqualTo(id("Doe, Jane", "jane@example.com"));
        assertThat(Trailers.parseIdentity("syzbot")).isEqualTo(id("syzbot", ""));
        assertThat(Trailers.parseIdentity("Jane <mailto:jane@example.com>")).isEqualTo(id("Jane", "jane@example.com"));
    }

    @Test
    void severalPeopleInOneValue() {
        String msg = "subject\n\nCc: A <a@x.org>, \"Doe, Jane\" <jane@x.org>; c@x.org\n"
                + "Reported-by: Doe, John <john@x.org>\n";
        List<Trailer> t = Trailers.parse(msg);
        assertThat(t).extracting(Trailer::identity).containsExactly(id("A", "a@x.org"),
                id("Doe, Jane", "jane@x.org"), id("", "c@x.org"), id("Doe, John", "john@x.org"));
    }

    @Test
    void commentsAfterPeople() {
        String msg = """
                subject

                Cc: <stable@vger.kernel.org> # 4.9.x: 0123456789ab: fix
                Cc: stable@vger.kernel.org	# v6.1+
                Signed-off-by: Jane <jane@example.com> [jane: rebased]
                Suggested-by: C# Fan <fan@example.com>
                """;
        assertThat(Trailers.parse(msg)).extracting(Trailer::identity).containsExactly(
                id("", "stable@vger.kernel.org"), id("", "stable@vger.kernel.org"),
                id("Jane", "jane@example.com"), id("C# Fan", "fan@example.com"));
        assertThat(Trailers.parse(msg).get(1).value()).isEqualTo("stable@vger.kernel.org");
    }

    @Test
    void valuesOfNonPeopleKeysAreKeptWhole() {
        String msg = "subject\n\nLink: https://example.com/page#anchor # not a comment for links\n";
        assertThat(Trailers.parse(msg).get(0).value())
                .isEqualTo("https://example.com/page#anchor # not a comment for links");
    }

    @Test
    void emptyValuesAreDropped() {
        assertThat(Trailers.parse("subject\n\nCc:\nSigned-off-by: A <a@x.org>\n")).extracting(Trailer::key)
                .containsExactly("Signed-off-by");
    }

    @Test
    void configurableCoAuthorKeys() {
        TrailerKeys keys = new TrailerKeys(Set.of("co-authored", "Co-developed-by"), Set.of("Reviewed-by"));
        assertThat(keys.coAuthorKeys()).containsExactly("Co-authored", "Co-developed-by");
        assertThat(keys.isCoAuthor("CO-AUTHORED")).isTrue();
        String msg = "subject\n\nbody\n\nCo-authored: Jane <jane@x.org>\n";
        assertThat(Trailers.parse(msg, keys).get(0).identity()).isEqualTo(id("Jane", "jane@x.org"));
        assertThat(Trailers.parse(msg).get(0).identity()).isNull();

        assertThat(TrailerKeys.DEFAULT.isCoAuthor("co-authored-by")).isTrue();
        assertThat(TrailerKeys.DEFAULT.isRole("Tested-by")).isTrue();
        assertThat(TrailerKeys.DEFAULT.isSignOff("signed-off-by")).isTrue();
        assertThat(TrailerKeys.DEFAULT.namesPeople("Bisected-by")).isTrue();
        assertThat(TrailerKeys.DEFAULT.namesPeople("Fixes")).isFalse();
        assertThatThrownBy(() -> new TrailerKeys(Set.of("Signed-off-by"), Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TrailerKeys(Set.of("not a key"), Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void githubStyleCoAuthors() {
        String msg = """
                Fix the thing (#123)

                * first change
                * second change

                Co-authored-by: octocat <12345+octocat@users.noreply.github.com>
                """;
        assertThat(Trailers.parse(msg)).extracting(Trailer::identity)
                .containsExactly(id("octocat", "12345+octocat@users.noreply.github.com"));
    }

    @Test
    void bytesDecodeAsUtf8WithLatin1Fallback() {
        String msg = "subject\n\nSigned-off-by: Björn Töpel <bjorn@example.com>\n";
        assertThat(Trailers.parse(msg.getBytes(StandardCharsets.UTF_8)).get(0).identity().name())
                .isEqualTo("Björn Töpel");
        // Not valid UTF-8: decoded as ISO-8859-1.
        assertThat(Trailers.parse(msg.getBytes(StandardCharsets.ISO_8859_1)).get(0).identity().name())
                .isEqualTo("Björn Töpel");
        // A declared encoding is honoured.
        Charset koi8 = Charset.forName("KOI8-R");
        String russian = "subject\n\nSigned-off-by: Иван <ivan@example.com>\n";
        assertThat(Trailers.parse(russian.getBytes(koi8), koi8).get(0).identity().name()).isEqualTo("Иван");
        // A wrong declaration for bytes that are not valid in it falls back to UTF-8.
        assertThat(Trailers.decode("é".getBytes(StandardCharsets.UTF_8), StandardCharsets.US_ASCII)).isEqualTo("é");
    }

    @Test
    void trailerRecordValidates() {
        assertThat(new Trailer("reviewed-BY", "  x  ").key()).isEqualTo("Reviewed-by");
        assertThat(new Trailer("reviewed-BY", "  x  ").value()).isEqualTo("x");
        assertThatThrownBy(() -> new Trailer("bad key", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Trailer("1abc", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThat(Trailer.canonicalKey("CC")).isEqualTo("Cc");
    }

    @Test
    void fixesParsing() {
        assertThat(FixesRef.parse("0123456789AB (\"sub: thing\")"))
                .contains(new FixesRef("0123456789ab", "sub: thing"));
        FixesRef shortRef = FixesRef.parse("abcdef1 (\"x\")").orElseThrow();
        assertThat(shortRef.isShort()).isTrue();
        assertThat(FixesRef.parse("0123456789ab").orElseThrow().isShort()).isFalse();
        assertThat(FixesRef.parse("0123456789ab").orElseThrow().subject()).isEmpty();
        assertThat(FixesRef.parse("commit 0123456789ab (\"x\")")).contains(new FixesRef("0123456789ab", "x"));
        assertThat(FixesRef.parse("0123456789ab (sub: no quotes)")).contains(new FixesRef("0123456789ab", "sub: no quotes"));
        assertThat(FixesRef.parse("0123456789ab (\"quoted \"word\" (and parens)\")"))
                .contains(new FixesRef("0123456789ab", "quoted \"word\" (and parens)"));
        assertThat(FixesRef.parse("0123456789ab (\"unterminated")).contains(new FixesRef("0123456789ab", "unterminated"));
        assertThat(FixesRef.parse("abc123 (\"too short\")")).isEmpty();
        assertThat(FixesRef.parse("deadbeefcafe-ish")).isEmpty();
        assertThat(FixesRef.parse("the build on arm64")).isEmpty();
        assertThat(FixesRef.parse("https://bugzilla.kernel.org/1")).isEmpty();
        assertThatThrownBy(() -> new FixesRef("xyz", "")).isInstanceOf(IllegalArgumentException.class);
    }
}
