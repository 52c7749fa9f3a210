package dev.oxmeter.timeline;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TagGlobTest {
    private static boolean m(String glob, String tag) {
        return TagGlob.compile(glob).matches(tag);
    }

    @Test
    void literalsAreExactAndCaseSensitive() {
        assertThat(m("v6.1", "v6.1")).isTrue();
        assertThat(m("v6.1", "v6.10")).isFalse();
        assertThat(m("v6.1", "V6.1")).isFalse();
        assertThat(m("", "")).isTrue();
        assertThat(m("", "x")).isFalse();
    }

    @Test
    void starMatchesAnythingIncludingSlash() {
        assertThat(m("v*", "v6.1-rc1")).isTrue();
        assertThat(m("v*", "v")).isTrue();
        assertThat(m("v*", "6.1")).isFalse();
        assertThat(m("*", "")).isTrue();
        assertThat(m("*", "release/1.0")).isTrue();
        assertThat(m("release*1.0", "release/sub/1.0")).isTrue();
        assertThat(m("v6.*", "v6.1")).isTrue();
        assertThat(m("v6.*", "v6")).isFalse();
        assertThat(m("v*-rc*", "v6.1-rc1")).isTrue();
        assertThat(m("v*-rc*", "v6.1")).isFalse();
        assertThat(m("**", "a/b/c")).isTrue();
        assertThat(m("a**c", "a/b/c")).isTrue();
        assertThat(m("*a*b*c*", "xxaxxbxxcxx")).isTrue();
        assertThat(m("*a*b*c*", "xxaxxcxxbxx")).isFalse();
    }

    @Test
    void questionMarkMatchesOneCharacterIncludingSlash() {
        assertThat(m("v6.?", "v6.1")).isTrue();
        assertThat(m("v6.?", "v6.10")).isFalse();
        assertThat(m("a?b", "a/b")).isTrue();
        assertThat(m("?", "")).isFalse();
        assertThat(m("v?.?", "vé.1")).isTrue(); // code points, not bytes
    }

    @Test
    void sets() {
        assertThat(m("v[67].*", "v6.1")).isTrue();
        assertThat(m("v[67].*", "v8.1")).isFalse();
        assertThat(m("v[0-9].[0-9]", "v6.1")).isTrue();
        assertThat(m("v[!0-5].*", "v6.1")).isTrue();
        assertThat(m("v[!0-9].*", "v6.1")).isFalse();
        assertThat(m("v[^0-9].*", "vx.1")).isTrue();
        assertThat(m("[]]", "]")).isTrue();
        assertThat(m("[!]]", "]")).isFalse();
        assertThat(m("[!]]", "a")).isTrue();
        assertThat(m("[a-]", "-")).isTrue();
        assertThat(m("[-a]", "-")).isTrue();
        assertThat(m("[a\\]]", "]")).isTrue();
        assertThat(m("[\\-]", "-")).isTrue();
        assertThat(m("[a-c-e]", "d")).isFalse(); // "a-c", then literal "-" and "e"
        assertThat(m("[a-c-e]", "-")).isTrue();
        assertThat(m("[/]", "/")).isTrue();
        assertThat(m("[!a]", "/")).isTrue();
    }

    @Test
    void characterClasses() {
        assertThat(m("v[[:digit:]]*", "v6.1")).isTrue();
        assertThat(m("v[[:digit:]]*", "vx")).isFalse();
        assertThat(m("[[:alpha:]][[:digit:]]", "v6")).isTrue();
        assertThat(m("[[:upper:][:digit:]]", "Q")).isTrue();
        assertThat(m("[[:xdigit:]]", "F")).isTrue();
        assertThat(m("[[:space:]]", " ")).isTrue();
        assertThat(m("[[:punct:]]", "-")).isTrue();
        assertThat(m("[![:digit:]]", "a")).isTrue();
        assertThat(m("[[:bogus:]]", "a")).isFalse(); // unknown class: matches nothing, as in git
        assertThat(m("[[:]", "[")).isTrue(); // no ":]": '[' and ':' are members
        assertThat(m("[[:]", ":")).isTrue();
    }

    @Test
    void escapes() {
        assertThat(m("v\\*", "v*")).isTrue();
        assertThat(m("v\\*", "v1")).isFalse();
        assertThat(m("\\[x\\]", "[x]")).isTrue();
        assertThat(m("\\a", "a")).isTrue();
    }

    @Test
    void malformedPatternsMatchNothing() {
        assertThat(m("v[0-9", "v1")).isFalse();
        assertThat(m("v[0-9", "v[0-9")).isFalse();
        assertThat(m("v\\", "v\\")).isFalse();
        assertThat(m("v\\", "v")).isFalse();
        assertThat(m("*[", "a[")).isFalse();
    }

    @Test
    void pathologicalStarsStayFast() {
        String glob = "*a*a*a*a*a*a*a*a*a*a*b";
        String tag = "a".repeat(60);
        long start = System.nanoTime();
        assertThat(m(glob, tag)).isFalse();
        assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
    }

    @Test
    void valueSemantics() {
        assertThat(TagGlob.compile("v*")).isEqualTo(TagGlob.compile("v*"));
        assertThat(TagGlob.compile("v*").glob()).isEqualTo("v*");
        assertThat(TagGlob.compile("v*").toString()).isEqualTo("v*");
    }
}
