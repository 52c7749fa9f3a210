package dev.oxmeter.language;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LanguageCatalogTest {
    private static final LanguageCatalog CATALOG = LanguageCatalog.standard();

    @Test
    void standardCatalogIsLoadedOnceAndCoversTheRequiredLanguages() {
        assertThat(LanguageCatalog.standard()).isSameAs(CATALOG);
        for (String name : new String[] {"C", "C Header", "C++", "C++ Header", "Rust", "Assembly", "Shell", "Python",
            "Perl", "Makefile", "Kconfig", "Device Tree", "Coccinelle", "Awk", "Lex", "Yacc", "YAML", "JSON", "TOML",
            "reStructuredText", "Markdown", "AsciiDoc", "HTML", "CSS", "JavaScript", "TypeScript", "Go", "Java",
            "Fish", "Meson", "CMake", "Tcl", "Ruby", "Lua", "XML", "PO File", "Text", "Other"}) {
            assertThat(CATALOG.byName(name)).as(name).isPresent();
        }
        Set<String> names = new HashSet<>();
        for (Language l : CATALOG.languages()) {
            assertThat(names.add(l.name())).as("unique %s", l).isTrue();
        }
    }

    @ParameterizedTest
    @CsvSource({
        "rust, Rust", "RUST, Rust", "c, C", "c++, C++", "cpp, C++", "shell, Shell", "sh, Shell", "bash, Shell",
        "py, Python", "make, Makefile", "bourne shell, Shell", "gettext, PO File", "c header, C Header"})
    void byNameAcceptsNamesAndAliasesIgnoringCase(String query, String expected) {
        assertThat(CATALOG.byName(query)).map(Language::name).contains(expected);
    }

    @Test
    void byNameOfUnknownIsEmpty() {
        assertThat(CATALOG.byName("klingon")).isEmpty();
    }

    @Test
    void otherIsTheOtherBucket() {
        assertThat(CATALOG.other().name()).isEqualTo("Other");
        assertThat(CATALOG.other().category()).isEqualTo(Category.OTHER);
    }

    @ParameterizedTest
    @CsvSource({
        "main.c, C", "lib.rs, Rust", "entry_64.S, Assembly", "boot.s, Assembly", "x.asm, Assembly",
        "Makefile, Makefile", "GNUmakefile, Makefile", "Kbuild, Makefile", "Makefile.am, Makefile",
        "Makefile.lib, Makefile", "rules.mk, Makefile", "Kconfig, Kconfig", "Kconfig.debug, Kconfig",
        "board.dts, Device Tree", "soc.dtsi, Device Tree", "api.cocci, Coccinelle", "lexer.l, Lex", "parse.y, Yacc",
        "CMakeLists.txt, CMake", "meson.build, Meson", "meson_options.txt, Meson", "meson.options, Meson",
        "notes.txt, Text", "README, Text", "x.hpp, C++ Header", "x.hh, C++ Header", "x.hxx, C++ Header",
        "X.H, C++ Header", "x.C, C++", "x.CPP, C++", "Cargo.lock, TOML", "x.po, PO File", "x.pot, PO File",
        "icon.svg, XML", "Dockerfile, Dockerfile", "x.yaml, YAML", ".clang-format, YAML", "x.json, JSON",
        "x.rst, reStructuredText", "x.md, Markdown", "x.adoc, AsciiDoc", "setup.py, Python", ".bashrc, Shell"})
    void detectsDefiniteLanguagesFromNames(String file, String expected) {
        Detection d = CATALOG.detect(file);
        assertThat(d.needsContent()).isFalse();
        assertThat(d.definite().name()).isEqualTo(expected);
        assertThat(d.key()).isEqualTo(expected);
    }

    @Test
    void unknownExtensionsMayBeScriptsAndDotFilesAreOther() {
        Detection jpeg = CATALOG.detect("photo.jpeg");
        assertThat(jpeg).isEqualTo(new Detection("?script", null));
        byte[] jfif = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10, 'J', 'F', 'I', 'F'};
        assertThat(CATALOG.resolve(jpeg, jfif, jfif.length)).isEqualTo(CATALOG.other());
        byte[] hook = "#!/bin/sh\nexit 0\n".getBytes(StandardCharsets.UTF_8);
        assertThat(CATALOG.resolve(CATALOG.detect("update.sample"), hook, hook.length).name()).isEqualTo("Shell");
        assertThat(CATALOG.detect(".gitignore")).isEqualTo(Detection.of(CATALOG.other()));
        assertThat(CATALOG.detect("trailing.")).isEqualTo(Detection.of(CATALOG.other()));
    }

    @Test
    void headersAndExtensionlessFilesNeedContentWithStableKeys() {
        assertThat(CATALOG.detect("device.h")).isEqualTo(new Detection("?h", null));
        assertThat(CATALOG.detect("configure")).isEqualTo(new Detection("?script", null));
        assertThat(CATALOG.detect("device.h").needsContent()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", value = {
        "#!/bin/sh => Shell", "#!/bin/bash -e => Shell", "#!/usr/bin/env bash => Shell", "#!/usr/bin/env python3 => Python",
        "#!/usr/bin/python3.11 => Python", "#!/usr/bin/perl -w => Perl", "#!/usr/bin/env -S bash -e => Shell",
        "#!/usr/bin/env -S python3 -u => Python", "#!/usr/bin/env -i PATH=/bin sh => Shell", "#!/usr/bin/fish => Fish",
        "#!/usr/bin/awk -f => Awk", "#! /bin/sh => Shell", "#!/usr/bin/env node => JavaScript", "#!/usr/bin/tclsh => Tcl",
        "#!/usr/bin/env ruby => Ruby", "#!/usr/bin/make -f => Makefile", "#!/usr/bin/lua5.4 => Lua",
        "#!/usr/bin/unknown-thing => Other", "#! => Other", "echo hi => Other", "'' => Other"})
    void shebangsDecideExtensionlessFiles(String firstLine, String expected) {
        byte[] b = (firstLine + "\nbody\n").getBytes(StandardCharsets.UTF_8);
        Language l = CATALOG.resolve(CATALOG.detect("script"), b, b.length);
        assertThat(l.name()).isEqualTo(expected);
    }

    @Test
    void resolveOfDefiniteIgnoresContentAndEmptyContentFallsBack() {
        byte[] sh = "#!/bin/sh\n".getBytes(StandardCharsets.UTF_8);
        assertThat(CATALOG.resolve(CATALOG.detect("x.rs"), sh, sh.length).name()).isEqualTo("Rust");
        assertThat(CATALOG.resolve(CATALOG.detect("x.h"), new byte[0], 0).name()).isEqualTo("C Header");
        assertThat(CATALOG.resolve(new Detection("?unknown", null), sh, sh.length)).isEqualTo(CATALOG.other());
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", value = {
        "int f(void); => C Header",
        "namespace a { } => C++ Header",
        "template <typename T> T f(); => C++ Header",
        "template<class T> struct X; => C++ Header",
        "class Foo {\\n}; => C++ Header",
        "class Foo : public Bar {\\n}; => C++ Header",
        "class Foo final {}; => C++ Header",
        "struct x {\\npublic:\\n int a;\\n}; => C++ Header",
        "void f(std::string s); => C++ Header",
        "#include <iostream> => C++ Header",
        "#include <linux/types.h> => C Header",
        "extern \"C++\" int f(); => C++ Header",
        "extern \"C\" {\\n} => C Header",
        "struct class { int a; }; => C Header",
        "int class;\\nstruct device *class; => C Header",
        "x = p->class;\\ny = s.class; => C Header",
        "struct s { unsigned private : 1; }; => C Header",
        "/* namespace foo { template <T> */ int x; => C Header",
        "// class Foo {\\nint x; => C Header",
        "const char *s = \"namespace x {\"; => C Header",
        "#define NS namespace x { => C Header",
        "#ifdef __cplusplus\\nnamespace x {\\n#endif\\nint y; => C Header",
        "#ifndef __cplusplus\\nint y;\\n#else\\ntemplate <T> T z;\\n#endif\\nint w; => C Header",
        "#if defined(__cplusplus) && __GNUC__ > 3\\nnamespace x {}\\n#endif\\nint y; => C Header",
        "#if X || defined(__cplusplus)\\nnamespace x {}\\n#endif\\nint y; => C++ Header",
        "#if __cplusplus >= 201103L\\nnamespace std {\\n}\\n#endif => C++ Header",
        "#ifdef __cplusplus\\n# define CPP_ONLY 1\\n#endif\\n#ifdef CPP_ONLY\\nextern \"C++\" int f();\\n#endif\\nint g; => C Header",
    })
    void headerHeuristic(String source, String expected) {
        byte[] b = source.replace("\\n", "\n").getBytes(StandardCharsets.UTF_8);
        assertThat(CATALOG.resolve(CATALOG.detect("x.h"), b, b.length).name()).as(source).isEqualTo(expected);
    }

    @Test
    void resolveHonoursLen() {
        byte[] b = "int x;\nnamespace a {}\n".getBytes(StandardCharsets.UTF_8);
        assertThat(CATALOG.resolve(CATALOG.detect("x.h"), b, 7).name()).isEqualTo("C Header");
        assertThat(CATALOG.resolve(CATALOG.detect("x.h"), b, b.length).name()).isEqualTo("C++ Header");
    }

    @Test
    void malformedCatalogsAreRejected() {
        assertThatThrownBy(() -> load("{\"languages\":[{\"name\":\"A\",\"category\":\"programming\",\"bogus\":1}]}"))
                .hasMessageContaining("bogus");
        assertThatThrownBy(() -> load("{\"languages\":[{\"name\":\"A\",\"category\":\"nonsense\"}]}"))
                .hasMessageContaining("category");
        assertThatThrownBy(() -> load("{\"languages\":[{\"name\":\"A\",\"category\":\"data\",\"extensions\":[\"x\"]},"
                + "{\"name\":\"B\",\"category\":\"data\",\"extensions\":[\"x\"]}]}"))
                .hasMessageContaining("duplicate extension");
        assertThatThrownBy(() -> load("{\"languages\":[{\"name\":\"A\",\"category\":\"data\",\"like\":\"Z\"}]}"))
                .hasMessageContaining("like");
        assertThatThrownBy(() -> load("{\"languages\":[{\"name\":\"A\",\"category\":\"data\",\"nested\":\"yes\"}]}"))
                .hasMessage("catalog.languages[0] (A).nested: expected true or false, found a string");
        assertThatThrownBy(() -> load("{\"languages\":[{\"name\":\"A\",\"category\":\"data\",\"extensions\":\"x\"}]}"))
                .hasMessage("catalog.languages[0] (A).extensions: expected a list, found a string");
        assertThatThrownBy(() -> load("{\"languages\":[]} {}")).hasMessageContaining("text after");
        assertThatThrownBy(() -> load("{\"languages\":[{\"name\":\"A\",\"name\":\"B\"}]}"))
                .hasMessageContaining("'name' given twice");
    }

    @Test
    void commentsAreAllowedAndTheStandardCatalogBindsEveryField() throws Exception {
        LanguageCatalog c = load("{\"_comment\":\"x\",\"ambiguousExtensions\":{\"h\":\"?h\"},\"languages\":["
                + "{\"name\":\"Other\",\"category\":\"other\"},{\"name\":\"C Header\",\"category\":\"programming\"},"
                + "{\"name\":\"C++ Header\",\"category\":\"programming\"},"
                + "{\"_comment\":\"y\",\"name\":\"Q\",\"category\":\"programming\",\"extensions\":[\"q\"],"
                + "\"lineComments\":[\"#\"],\"blockComments\":[{\"open\":\"(*\",\"close\":\"*)\"}],\"nested\":true}]}");
        assertThat(c.detect("a.q").definite().name()).isEqualTo("Q");
        assertThat(c.byName("q").orElseThrow().syntax().nested()).isTrue();
        assertThat(CATALOG.languages()).hasSizeGreaterThan(50);
    }

    private static LanguageCatalog load(String json) throws Exception {
        return LanguageCatalog.fromJson(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }
}
