package dev.oxmeter.facts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oxmeter.facts.RustSafetyReport.Kind;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Site fingerprints: stable under line shifts, comments and whitespace; changed by code and enclosing items. */
class RustSitesTest {
    static List<RustSites.FingerprintedSite> scan(String src) {
        byte[] b = src.getBytes(StandardCharsets.UTF_8);
        return RustSites.scan(b, 0, b.length);
    }

    static String fp(String src) {
        List<RustSites.FingerprintedSite> s = scan(src);
        assertThat(s).hasSize(1);
        return s.get(0).fingerprint();
    }

    static final String BLOCK = """
            fn read(p: *const u8) -> u8 {
                unsafe { *p }
            }
            """;

    @Test
    void everySiteOfTheScannerGetsOneFingerprintWithItsItems() {
        String src = """
                mod io {
                    pub struct Port;
                    // SAFETY: Port is plain data.
                    unsafe impl Send for Port {}
                    impl Port {
                        /// # Safety
                        /// `p` must be valid.
                        pub unsafe fn peek(p: *const u8) -> u8 {
                            let f: unsafe fn(*const u8) -> u8 = Self::peek;
                            unsafe { *p }
                        }
                    }
                    pub unsafe trait Device {}
                    unsafe extern "C" {
                        fn outb(v: u8);
                    }
                }
                """;
        List<RustSites.FingerprintedSite> sites = scan(src);
        assertThat(sites).extracting(s -> s.site().kind()).containsExactly(Kind.IMPL, Kind.FN, Kind.BLOCK, Kind.TRAIT,
                Kind.EXTERN_BLOCK);
        assertThat(sites).extracting(s -> s.site().line()).containsExactly(4, 8, 10, 13, 14);
        assertThat(sites).extracting(RustSites.FingerprintedSite::item).containsExactly("mod io",
                "mod io::impl Port", "mod io::impl Port::fn peek", "mod io", "mod io");
        assertThat(sites).extracting(RustSites.FingerprintedSite::fingerprint).doesNotHaveDuplicates()
                .allMatch(f -> f.matches("[0-9a-f]{16}"));
    }

    @Test
    void anExternBlockWithoutTheKeywordIsASiteAndTheSitesAfterItAreFound() {
        // pre-2024 code: the extern block is unsafe without saying so, and the block after it must still be found
        List<RustSites.FingerprintedSite> s = scan("""
                extern "C" {
                    fn flush_and_reboot();
                }
                fn panic() -> ! {
                    unsafe { flush_and_reboot() };
                    loop {}
                }
                """);
        assertThat(s).extracting(f -> f.site().kind()).containsExactly(Kind.EXTERN_BLOCK, Kind.BLOCK);
        assertThat(s).extracting(f -> f.site().line()).containsExactly(1, 5);
        assertThat(s.get(1).item()).isEqualTo("fn panic");
        String bare = fp("extern \"C\" {\n    fn f();\n}\n");
        assertThat(bare).isEqualTo(fp("// moved\n\nextern \"C\" {\n    fn f();\n}\n"))
                .isNotEqualTo(fp("extern \"system\" {\n    fn f();\n}\n"));
    }

    @Test
    void linesCommentsAndWhitespaceDoNotChangeIt() {
        String moved = "// a header\n\n\n" + BLOCK.replace("unsafe { *p }", "unsafe {\n        *p // the byte\n    }");
        assertThat(fp(moved)).isEqualTo(fp(BLOCK));
        String documented = BLOCK.replace("    unsafe", "    // SAFETY: p is valid.\n    unsafe");
        assertThat(fp(documented)).isEqualTo(fp(BLOCK));
    }

    @Test
    void codeAndEnclosingItemsDo() {
        assertThat(fp(BLOCK.replace("*p", "*p.add(1)"))).isNotEqualTo(fp(BLOCK));
        assertThat(fp(BLOCK.replace("fn read", "fn load"))).isNotEqualTo(fp(BLOCK));
        assertThat(fp("impl A {\n" + BLOCK + "}\n")).isNotEqualTo(fp("impl B {\n" + BLOCK + "}\n"));
    }

    @Test
    void anUnsafeFnIsItsNameNotItsSignatureOrBody() {
        String f = "pub unsafe extern \"C\" fn load(p: *const size_t) -> c_int {\n    0\n}\n";
        String edited = "pub unsafe extern \"C\" fn load(p: *const c_size_t, n: usize) -> c_int {\n    1\n}\n";
        assertThat(fp(edited)).isEqualTo(fp(f));
        assertThat(fp(f.replace("fn load", "fn store"))).isNotEqualTo(fp(f));
    }

    @Test
    void identicalBlocksInOneFnShareAFingerprint() {
        String src = "fn f(p: *const u8) {\n    unsafe { *p };\n    unsafe { *p };\n}\n";
        List<RustSites.FingerprintedSite> s = scan(src);
        assertThat(s).hasSize(2);
        assertThat(s.get(0).fingerprint()).isEqualTo(s.get(1).fingerprint());
    }

    @Test
    void implHeadersReadLikeSource() {
        String src = "impl<'a, T: Clone + Send> Node<'a> for &Wrapper<T> where T: Send {\n    fn f(&self) {\n        unsafe { g() }\n    }\n}\n";
        assertThat(scan(src).get(0).item()).isEqualTo("impl<'a, T: Clone + Send> Node<'a> for &Wrapper<T>::fn f");
        String macro = "impl Node for $name {\n    fn parent(&self) {\n        unsafe { g() }\n    }\n}\n";
        assertThat(scan(macro).get(0).item()).isEqualTo("impl Node for $name::fn parent");
    }

    @Test
    void noSitesNoWork() {
        assertThat(scan("fn main() { let s = \"unsafe { x }\"; }\n")).isEmpty();
    }
}
