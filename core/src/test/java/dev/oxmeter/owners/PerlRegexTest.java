package dev.oxmeter.owners;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * MAINTAINERS {@code N:} patterns mean what they mean to get_maintainer.pl (Perl, {@code m/$value/x}) wherever
 * RE2/J can express it, and are reported, never dropped silently, where it cannot: one promise per test.
 */
class PerlRegexTest {
    private static List<String> titles(String maintainers, String path) {
        return OwnershipMatcher.of(Maintainers.parse(maintainers)).match(path).stream().map(Owner::name).toList();
    }

    @Test
    void countedQuantifiersAreQuantifiersAsInPerl() {
        String m = "TWO A\nN:\ta{2}b\n\nRANGE\nN:\tx[0-9]{2,3}\\.c$\n\nUP TO\nN:\tq{,2}z\n";
        assertThat(titles(m, "src/aab.c")).containsExactly("TWO A");
        assertThat(titles(m, "src/ab.c")).isEmpty();
        assertThat(titles(m, "drivers/x12.c")).containsExactly("RANGE");
        assertThat(titles(m, "drivers/x1.c")).isEmpty();
        assertThat(titles(m, "lib/qqz.h")).containsExactly("UP TO");
        assertThat(OwnershipMatcher.requiredLiteral(PerlRegex.translate("a{2}b").re2())).isEqualTo("b");
    }

    @Test
    void aBraceThatIsNotAQuantifierIsALiteralBraceAsInPerl() {
        assertThat(titles("BRACE\nN:\tfoo{bar}\n", "x/foo{bar}.c")).containsExactly("BRACE");
        assertThat(titles("BRACE\nN:\tfoo{bar}\n", "x/foobar.c")).isEmpty();
    }

    @Test
    void extendedModeDropsWhitespaceAndCommentsOutsideClasses() {
        String m = "X\nN:\tdrivers/ gpu # the GPU drivers\n\nY\nN:\t[ ]x\n";
        assertThat(titles(m, "drivers/gpu/a.c")).containsExactly("X");
        assertThat(titles(m, "a/ x.c")).containsExactly("Y");
        assertThat(titles(m, "a/x.c")).isEmpty();
    }

    @Test
    void perlOnlyEscapesKeepTheirPerlMeaning() {
        assertThat(titles("Z\nN:\t\\.rs\\Z\n", "rust/kernel/lib.rs")).containsExactly("Z");
        assertThat(titles("H\nN:\ta\\hb\n", "dir/a b.c")).containsExactly("H");
        assertThat(titles("H\nN:\ta\\hb\n", "dir/a\nb.c")).isEmpty();
        assertThat(titles("U\nN:\t\\yes\n", "dir/yes.c")).containsExactly("U"); // unknown escaped letter: itself
        assertThat(titles("NAMED\nN:\t(?<soc>tegra|rockchip)/\n", "arch/tegra/x.c")).containsExactly("NAMED");
        assertThat(titles("COMMENT\nN:\tte(?#soc)gra\n", "arch/tegra/x.c")).containsExactly("COMMENT");
    }

    @Test
    void whatNeedsPerlOnlyMachineryIsReportedWithTheReasonNeverDroppedSilently() {
        Maintainers m = Maintainers.parse("LOOK\nN:\t(?<=foo)bar\n\nBACK\nN:\t(a)\\1\n\nPOSS\nN:\ta++b\n\n"
                + "ATOMIC\nN:\t(?>ab)c\n\nOK\nN:\tfine\n");
        OwnershipMatcher om = OwnershipMatcher.of(m);
        assertThat(om.problems()).hasSize(4);
        assertThat(om.problems().get(0)).contains("(?<=foo)bar").contains("LOOK").contains("look-behind");
        assertThat(om.problems().get(1)).contains("back-reference");
        assertThat(om.problems().get(2)).contains("possessive");
        assertThat(om.problems().get(3)).contains("atomic group");
        assertThat(om.match("x/fine.c")).extracting(Owner::name).containsExactly("OK");
    }
}
