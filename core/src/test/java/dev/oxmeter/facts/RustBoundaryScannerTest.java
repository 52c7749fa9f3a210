package dev.oxmeter.facts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RustBoundaryScannerTest {

    @Test
    void countsBindingsPathsInCodeOnly() {
        RustBoundaryReport r = RustBoundaryScanner.scan("""
                use kernel::bindings;
                use crate::bindings::{self, mutex};
                fn f(m: *mut bindings::mutex) {
                    // bindings::in_a_comment
                    let s = "bindings::in_a_string";
                    unsafe { bindings::mutex_lock(m) };
                    unsafe { kernel::bindings :: spaced(m) };
                    let bindings = 3; // a variable, not a path
                    let x = bindings;
                }
                """);
        // line 2, line 3, line 6, line 7 (spaces around :: are still a path)
        assertThat(r.bindingsRefs()).isEqualTo(4);
    }

    @Test
    void externBlocksAndFunctions() {
        RustBoundaryReport r = RustBoundaryScanner.scan("""
                extern crate alloc;
                extern "C" { fn a(); }
                unsafe extern "C" { fn b(); }
                extern { fn c(); }
                extern "C-unwind" { fn d(); }
                extern "rust-intrinsic" { fn e(); }
                extern "C" fn f() {}
                pub unsafe extern "C" fn g() {}
                extern fn h() {}
                extern "system" fn i() {}
                type Cb = extern "C" fn(i32);
                struct Ops { release: Option<unsafe extern "C" fn(*mut u8)> }
                """);
        assertThat(r.externCBlocks()).isEqualTo(4);
        // f, g, h and i: "system" is the platform's C convention
        assertThat(r.externCFns()).isEqualTo(4);
    }

    @Test
    void noMangleInBothSpellings() {
        RustBoundaryReport r = RustBoundaryScanner.scan("""
                #[no_mangle]
                pub extern "C" fn a() {}
                #[unsafe(no_mangle)]
                pub extern "C" fn b() {}
                #[unsafe(export_name = "c")]
                pub extern "C" fn c() {}
                // #[no_mangle]
                #[cfg_attr(x, no_mangle)]
                fn d() {}
                """);
        assertThat(r.noMangleItems()).isEqualTo(2);
        assertThat(r.externCFns()).isEqualTo(3);
    }

    @Test
    void analysisKeysAndLanguage() {
        byte[] src = "#[no_mangle] extern \"C\" fn f() { bindings::g() }".getBytes(StandardCharsets.UTF_8);
        Metrics m = new RustBoundaryAnalysis().analyze(src, 0, src.length);
        assertThat(m.values()).containsExactlyInAnyOrderEntriesOf(java.util.Map.of(
                "bindings_refs", 1L, "extern_c_blocks", 0L, "extern_c_fns", 1L, "no_mangle_items", 1L));
        assertThat(new RustBoundaryAnalysis().appliesTo(
                new dev.oxmeter.language.Language("Rust", dev.oxmeter.language.Category.PROGRAMMING,
                        java.util.List.of("//")))).isTrue();
        assertThat(new RustBoundaryAnalysis().appliesTo(
                new dev.oxmeter.language.Language("C", dev.oxmeter.language.Category.PROGRAMMING,
                        java.util.List.of()))).isFalse();
    }

    @Test
    void fixtureBoundary() throws java.io.IOException {
        byte[] src;
        try (var in = getClass().getResourceAsStream("/kernel/rust/safety_sample.rs")) {
            src = in.readAllBytes();
        }
        RustBoundaryReport r = RustBoundaryScanner.scan(src, 0, src.length);
        // bindings:: on lines 16, 25, 32, 38, 45, 63, 69, 74, 79 (line 8's `use crate::{bindings, …}` has no ::);
        // one unsafe extern "C" block, one extern "C" fn, one #[no_mangle]
        assertThat(r).isEqualTo(new RustBoundaryReport(9, 1, 1, 1));
    }

    /** Safety and boundary count extern blocks by one rule: C ABIs, with or without unsafe, in code only. */
    @Test
    void safetyAndBoundaryCountTheSameExternBlocks() {
        String src = """
                extern "C" { fn a(); }                  // 1: plain, C
                extern { fn b(); }                      // 2: no ABI is "C"
                unsafe extern "C" { fn c(); }           // 3: Rust 2024 spelling
                // SAFETY: declarations match the C headers.
                unsafe extern "C-unwind" { fn d(); }    // 4
                extern "system" { fn e(); }             // 5
                extern "rust-intrinsic" { fn f(); }     // not a C ABI
                extern crate alloc;                     // not a block
                type F = unsafe extern "C" fn(i32);     // a pointer type
                pub extern "C" fn g() {}                // a function, not a block
                // extern "C" { in a comment }
                const S: &str = "extern \"C\" {";
                """;
        RustBoundaryReport boundary = RustBoundaryScanner.scan(src);
        RustSafetyReport safety = RustSafetyScanner.scan(src);
        assertThat(boundary.counts()).containsEntry("extern_c_blocks", 5L).containsEntry("extern_c_fns", 1L);
        assertThat(safety.counts()).containsEntry("unsafe_extern_blocks", 5L);
        assertThat(safety.undocumented()).isEmpty();
    }
}
