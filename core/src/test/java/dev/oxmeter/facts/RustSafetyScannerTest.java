package dev.oxmeter.facts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oxmeter.facts.RustSafetyReport.Kind;
import dev.oxmeter.facts.RustSafetyReport.Site;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class RustSafetyScannerTest {

    private static RustSafetyReport scan(String src) {
        return RustSafetyScanner.scan(src);
    }

    private static List<Site> sites(String src) {
        return scan(src).sites();
    }

    // ---- what counts as a site ----

    @Test
    void findsEveryKindOfUnsafeSite() {
        RustSafetyReport r = scan("""
                unsafe fn a() {}
                pub unsafe fn b() {}
                pub(crate) const unsafe fn c() {}
                unsafe extern "C" fn d() {}
                pub unsafe extern "C" fn e() {}
                unsafe impl Send for X {}
                unsafe trait T {}
                pub unsafe auto trait U {}
                unsafe extern "C" { fn f(); }
                extern "C" { fn g(); }
                fn h() { unsafe { g() } }
                """);
        assertThat(r.unsafeFns()).isEqualTo(5);
        assertThat(r.unsafeImpls()).isEqualTo(1);
        assertThat(r.unsafeTraits()).isEqualTo(2);
        // unsafe extern "C" { and the plain extern "C" { below it: both are extern blocks, as in 'boundary'
        assertThat(r.unsafeExternBlocks()).isEqualTo(2);
        assertThat(r.unsafeBlocks()).isEqualTo(1);
        assertThat(r.sites()).extracting(Site::line).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
    }

    @Test
    void functionPointerTypesAndUnsafeAttributesAreNotSites() {
        RustSafetyReport r = scan("""
                type Cb = unsafe extern "C" fn(*mut u8);
                struct Ops { open: Option<unsafe fn(i32) -> i32> }
                #[unsafe(no_mangle)]
                pub extern "C" fn exported() {}
                """);
        assertThat(r.sites()).isEmpty();
    }

    @Test
    void unsafeInsideCommentsAndLiteralsIsIgnored() {
        RustSafetyReport r = scan("""
                // unsafe { x }
                /* unsafe fn a() {} /* nested unsafe { } */ unsafe impl Send for X {} */
                /// unsafe { doc }
                //! unsafe trait Inner {}
                /** unsafe { doc block } */
                const A: &str = "unsafe { in a string }";
                const B: &str = r#"raw "unsafe { }" with quote"#;
                const C: &[u8] = b"unsafe {";
                const D: &[u8] = br##"unsafe { "# still raw }"##;
                const E: &core::ffi::CStr = c"unsafe {";
                const F: char = '"';
                const G: u8 = b'"';
                fn lt<'a>(x: &'a str) -> &'a str { x }
                const H: &str = "escaped \\" unsafe { still string";
                """);
        assertThat(r.sites()).isEmpty();
    }

    @Test
    void charLiteralsDoNotOpenStrings() {
        // '"' must not start a string that would hide the unsafe block on the next line
        RustSafetyReport r = scan("""
                fn f() {
                    let q = '"';
                    let e = '\\'';
                    let u = '\\u{1F600}';
                    let l: &'static str = "x";
                    unsafe { g() };
                }
                """);
        assertThat(r.unsafeBlocks()).isEqualTo(1);
        assertThat(r.sites().get(0).line()).isEqualTo(6);
    }

    @Test
    void unsafeInsideMacroRulesBodiesCounts() {
        RustSafetyReport r = scan("""
                macro_rules! deref {
                    ($p:expr) => {
                        // SAFETY: callers pass a valid pointer.
                        unsafe { *$p }
                    };
                }
                """);
        assertThat(r.sites()).containsExactly(new Site(Kind.BLOCK, 4, true));
    }

    // ---- SAFETY comment placement ----

    @Test
    void safetyCommentOnTheLineAbove() {
        assertThat(sites("""
                fn f() {
                    // SAFETY: the pointer is valid.
                    unsafe { g() }
                }
                """)).containsExactly(new Site(Kind.BLOCK, 3, true));
    }

    @Test
    void missingSafetyComment() {
        assertThat(sites("""
                fn f() {
                    // Calls g.
                    unsafe { g() }
                }
                """)).containsExactly(new Site(Kind.BLOCK, 3, false));
    }

    @Test
    void safetyAnywhereInTheCommentGroupAndInAnyCase() {
        assertThat(sites("""
                fn f() {
                    // Safety: the first line says it,
                    // and the explanation continues here.
                    unsafe { g() }
                    // safety: lower case is accepted too (clippy compares case-insensitively)
                    unsafe { g() }
                }
                """)).extracting(Site::documented).containsExactly(true, true);
    }

    @Test
    void blockCommentAboveAndOnTheSameLine() {
        assertThat(sites("""
                fn f() {
                    /* SAFETY: a block comment
                     * spanning lines. */
                    unsafe { g() }
                    let x = /* SAFETY: same line, before the block */ unsafe { g() };
                    let y = unsafe { g() }; /* SAFETY: after the block does not count */
                }
                """)).extracting(Site::documented).containsExactly(true, true, false);
    }

    @Test
    void blankLineBetweenCommentAndBlockStillCounts() {
        // clippy skips whitespace-only lines when looking for the comment; so do we
        assertThat(sites("""
                fn f() {
                    // SAFETY: separated by a blank line.

                    unsafe { g() }
                }
                """)).containsExactly(new Site(Kind.BLOCK, 4, true));
    }

    @Test
    void codeBetweenCommentAndBlockBreaksIt() {
        assertThat(sites("""
                fn f() {
                    // SAFETY: this documents the next statement only.
                    let a = 1;
                    unsafe { g(a) }
                }
                """)).containsExactly(new Site(Kind.BLOCK, 4, false));
    }

    @Test
    void trailingCommentAfterCodeDoesNotCount() {
        assertThat(sites("""
                fn f() {
                    let a = 1; // SAFETY: trailing comments belong to their own line
                    unsafe { g(a) }
                }
                """)).containsExactly(new Site(Kind.BLOCK, 3, false));
    }

    @Test
    void attributesBetweenCommentAndBlock() {
        assertThat(sites("""
                fn f() {
                    // SAFETY: above the attribute.
                    #[allow(clippy::undocumented_unsafe_blocks)]
                    unsafe { g() }
                    #[allow(unused)]
                    // SAFETY: below the attribute.
                    unsafe { g() }
                    // SAFETY: above a multi-line attribute.
                    #[allow(
                        unused // a comment inside the attribute
                    )]
                    unsafe { g() }
                }
                """)).extracting(Site::documented).containsExactly(true, true, true);
    }

    @Test
    void commentAboveTheStatementCounts() {
        assertThat(sites("""
                fn f() {
                    // SAFETY: above the let.
                    let x = foo(
                        bar,
                        unsafe { g() },
                    );
                    // SAFETY: above the call.
                    foo(a,
                        b(unsafe { g() }));
                    let y =
                        // SAFETY: directly above the block, inside the statement.
                        unsafe { g() };
                    match v {
                        // SAFETY: above the arm.
                        Some(p) => unsafe { p.read() },
                        None =>
                            unsafe { h() },
                    }
                }
                """)).extracting(Site::line, Site::documented).containsExactly(
                org.assertj.core.groups.Tuple.tuple(5, true),
                org.assertj.core.groups.Tuple.tuple(9, true),
                org.assertj.core.groups.Tuple.tuple(12, true),
                org.assertj.core.groups.Tuple.tuple(15, true),
                org.assertj.core.groups.Tuple.tuple(17, false));
    }

    @Test
    void branchyStatementsDoNotLendTheirComment() {
        assertThat(sites("""
                fn f() {
                    // SAFETY: this documents the condition's line only.
                    if ready
                        && unsafe { g() } {
                    }
                }
                """)).containsExactly(new Site(Kind.BLOCK, 4, false));
    }

    @Test
    void commentAboveTheFunctionDoesNotDocumentItsBlock() {
        assertThat(sites("""
                // SAFETY: this is about the function, as clippy sees it.
                fn f() { unsafe { g() } }
                fn h() {
                    unsafe { g() }
                }
                """)).extracting(Site::documented).containsExactly(false, false);
    }

    @Test
    void previousStatementEndingInABraceIsABoundary() {
        assertThat(sites("""
                fn f() {
                    // SAFETY: documents the if, not the block after it.
                    if x {
                        y();
                    }
                    unsafe { g() }
                    let c = foo(|| { a }, unsafe { g() });
                }
                """)).extracting(Site::documented).containsExactly(false, false);
    }

    @Test
    void safetyInsideADocCodeBlockDoesNotCount() {
        assertThat(sites("""
                /// Example:
                /// ```
                /// // SAFETY: inside a code block
                /// ```
                unsafe impl Send for X {}
                /// SAFETY: a doc comment line counts, as in clippy.
                unsafe impl Sync for X {}
                """)).extracting(Site::documented).containsExactly(false, true);
    }

    @Test
    void unsafeImplPlacement() {
        assertThat(sites("""
                // SAFETY: `Foo` has no interior mutability.
                unsafe impl Sync for Foo {}

                unsafe impl Send for Foo {}

                // SAFETY: over the attribute.
                #[cfg(CONFIG_X)]
                unsafe impl<T: Send> Send for Bar<T> {}
                """)).extracting(Site::kind, Site::line, Site::documented).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Kind.IMPL, 2, true),
                org.assertj.core.groups.Tuple.tuple(Kind.IMPL, 4, false),
                org.assertj.core.groups.Tuple.tuple(Kind.IMPL, 8, true));
    }

    // ---- # Safety sections ----

    @Test
    void unsafeFnWithAndWithoutSafetySection() {
        assertThat(sites("""
                /// Reads the value.
                ///
                /// # Safety
                ///
                /// `p` must be valid for reads.
                #[inline]
                pub unsafe fn read(p: *const u8) -> u8 { unsafe { *p } }

                /// Reads the value, no safety section.
                pub unsafe fn read2(p: *const u8) -> u8 { 0 }

                /**
                 * Block doc comment.
                 *
                 * ## Safety
                 * Anything goes.
                 */
                pub(crate) const unsafe fn read3() {}

                // # Safety
                // A plain comment is not documentation.
                unsafe fn read4() {}

                /// # Safety
                /// Caller holds the lock.
                pub unsafe trait Locked {}

                pub unsafe trait Unlocked {}
                """)).extracting(Site::kind, Site::line, Site::documented).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Kind.FN, 7, true),
                org.assertj.core.groups.Tuple.tuple(Kind.BLOCK, 7, false),
                org.assertj.core.groups.Tuple.tuple(Kind.FN, 10, false),
                org.assertj.core.groups.Tuple.tuple(Kind.FN, 18, true),
                org.assertj.core.groups.Tuple.tuple(Kind.FN, 22, false),
                org.assertj.core.groups.Tuple.tuple(Kind.TRAIT, 26, true),
                org.assertj.core.groups.Tuple.tuple(Kind.TRAIT, 28, false));
    }

    @Test
    void unsafeFnsOfTraitImplsAreDocumentedByTheirTrait() {
        assertThat(sites("""
                /// A lock backend.
                pub unsafe trait Backend {
                    /// # Safety
                    /// `ptr` must be valid.
                    unsafe fn lock(ptr: *mut u8);
                    /// No section here.
                    unsafe fn unlock(ptr: *mut u8);
                }

                // SAFETY: mutual exclusion comes from the C lock.
                unsafe impl Backend for Spin {
                    unsafe fn lock(ptr: *mut u8) {
                        // SAFETY: guaranteed by the trait's requirements.
                        unsafe { c_lock(ptr) }
                    }
                    unsafe fn unlock(ptr: *mut u8) {}
                }

                impl<T: for<'a> Fn(&'a u8)> Holder<T> {
                    pub unsafe fn inherent(&self) {}
                    fn make() -> impl Iterator<Item = u8> { unsafe fn nested() {} core::iter::empty() }
                }
                """)).extracting(Site::kind, Site::line, Site::documented).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Kind.TRAIT, 2, false),
                org.assertj.core.groups.Tuple.tuple(Kind.FN, 5, true),
                org.assertj.core.groups.Tuple.tuple(Kind.FN, 7, false),
                org.assertj.core.groups.Tuple.tuple(Kind.IMPL, 11, true),
                org.assertj.core.groups.Tuple.tuple(Kind.FN, 12, true),
                org.assertj.core.groups.Tuple.tuple(Kind.BLOCK, 14, true),
                org.assertj.core.groups.Tuple.tuple(Kind.FN, 16, true),
                org.assertj.core.groups.Tuple.tuple(Kind.FN, 20, false),
                org.assertj.core.groups.Tuple.tuple(Kind.FN, 21, false));
    }

    @Test
    void safetyHeadingMustBeAHeading() {
        assertThat(RustSafetyScanner.hasSafetyHeading("/// # Safety")).isTrue();
        assertThat(RustSafetyScanner.hasSafetyHeading("///   ### safety  ")).isTrue();
        assertThat(RustSafetyScanner.hasSafetyHeading("/// See the Safety section")).isFalse();
        assertThat(RustSafetyScanner.hasSafetyHeading("/// #Safety")).isFalse();
        assertThat(RustSafetyScanner.hasSafetyHeading("/// # Safety notes")).isFalse();
    }

    // ---- INVARIANT ----

    @Test
    void countsInvariantComments() {
        RustSafetyReport r = scan("""
                fn f() {
                    // INVARIANT: `len` never exceeds `cap`.
                    self.len += 1;
                    /* INVARIANT: block form */
                    // The INVARIANT: mid-sentence is not the convention.
                    let s = "// INVARIANT: in a string";
                }
                /// # Invariants
                struct S;
                """);
        assertThat(r.invariantComments()).isEqualTo(2);
    }

    // ---- fixture ----

    @Test
    void kernelStyleFixture() throws IOException {
        byte[] src;
        try (InputStream in = getClass().getResourceAsStream("/kernel/rust/safety_sample.rs")) {
            assertThat(in).isNotNull();
            src = in.readAllBytes();
        }
        // pad the array to check that off/len are honoured
        byte[] padded = new byte[src.length + 20];
        System.arraycopy(src, 0, padded, 10, src.length);
        RustSafetyReport r = RustSafetyScanner.scan(padded, 10, src.length);
        // expected numbers are annotated in the fixture itself
        assertThat(r.counts()).containsEntry("unsafe_blocks", 6L)
                .containsEntry("unsafe_blocks_documented", 4L)
                .containsEntry("unsafe_fns", 3L)
                .containsEntry("unsafe_fns_documented", 2L)
                .containsEntry("unsafe_impls", 2L)
                .containsEntry("unsafe_impls_documented", 1L)
                .containsEntry("unsafe_traits", 1L)
                .containsEntry("unsafe_traits_documented", 1L)
                .containsEntry("unsafe_extern_blocks", 1L)
                .containsEntry("invariant_comments", 2L);
        // the extern block of line 62 is counted but not listed: no metric or lint asks for its SAFETY comment
        assertThat(r.undocumented()).extracting(Site::line).containsExactly(30, 45, 53, 81);
    }

    @Test
    void emptyAndOddInputs() {
        assertThat(scan("").sites()).isEmpty();
        assertThat(scan("unsafe").sites()).isEmpty();
        assertThat(scan("unsafe {").sites()).hasSize(1);
        assertThat(scan("/* unterminated unsafe {").sites()).isEmpty();
        assertThat(scan("\"unterminated unsafe {").sites()).isEmpty();
        assertThat(scan("r#\"unterminated unsafe {").sites()).isEmpty();
        assertThat(scan("' unsafe { }").sites()).hasSize(1);
    }

    @Test
    void analysisReportsExactlyTheMetricKeys() {
        byte[] src = "fn f() { unsafe { g() } }".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        RustSafetyAnalysis a = new RustSafetyAnalysis();
        Metrics m = a.analyze(src, 0, src.length);
        assertThat(m.values().keySet()).containsExactly("invariant_comments", "unsafe_blocks",
                "unsafe_blocks_documented", "unsafe_extern_blocks", "unsafe_fns", "unsafe_fns_documented",
                "unsafe_impls", "unsafe_impls_documented", "unsafe_traits", "unsafe_traits_documented");
        assertThat(m.values()).containsEntry(RustSafetyAnalysis.UNSAFE_BLOCKS.name(), 1L);
        assertThat(a.name()).isEqualTo("rust_safety");
    }
}
