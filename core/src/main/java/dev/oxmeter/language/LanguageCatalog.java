package dev.oxmeter.language;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The language catalog: loaded once from {@code languages.json}, then pure lookups by file name, name or alias,
 * and content-based resolution of {@code .h} headers and shebang scripts.
 *
 * <p>Thread-safe (immutable after construction). {@link #detect(String)} costs a few hash lookups;
 * {@link #resolve(Detection, byte[], int)} is linear in at most 64 KiB of content.
 */
public final class LanguageCatalog {
    /** The resource the standard catalog is read from. */
    public static final String RESOURCE = "/dev/oxmeter/language/languages.json";
    private static final String OTHER = "Other";
    private static final Detection SCRIPT = Detection.contentDependent(Detection.SCRIPT);

    private final List<Language> languages;
    private final Map<String, Language> byLowerName = new HashMap<>();
    /** Languages by their exact names, the names compositions carry: looked up without lower-casing first. */
    private final Map<String, Language> byExactName = new HashMap<>();
    private final Map<String, Detection> byFileName = new HashMap<>();
    private final List<Map.Entry<String, Detection>> byFilePrefix = new ArrayList<>();
    private final Map<String, Detection> byExtension = new HashMap<>();
    private final Map<String, Detection> byLowerExtension = new HashMap<>();
    private final Map<String, Language> byInterpreter = new HashMap<>();
    private final Language other;
    private final Language cHeader;
    private final Language cppHeader;

    private LanguageCatalog(CatalogDef def) {
        Map<String, LanguageDef> defs = new LinkedHashMap<>();
        List<Language> list = new ArrayList<>();
        for (LanguageDef ld : def.languages()) {
            if (defs.putIfAbsent(ld.name(), ld) != null) {
                throw new IllegalStateException("duplicate language " + ld.name());
            }
            LanguageDef base = ld.like() == null ? null : defs.get(ld.like());
            if (ld.like() != null && base == null) {
                throw new IllegalStateException(ld.name() + ": 'like' names unknown or later language " + ld.like());
            }
            if (base != null) {
                ld = ld.inherit(base);
                defs.put(ld.name(), ld);
            }
            Language lang = new Language(ld.name(), category(ld), lower(ld.aliases()), ld.syntax());
            list.add(lang);
            register(byLowerName, ld.name().toLowerCase(Locale.ROOT), lang, "name");
            byExactName.put(ld.name(), lang);
            for (String a : lang.aliases()) {
                if (!a.equals(ld.name().toLowerCase(Locale.ROOT))) {
                    register(byLowerName, a, lang, "alias");
                }
            }
            Detection det = Detection.of(lang);
            for (String f : nn(ld.fileNames())) {
                if (f.endsWith("*")) {
                    byFilePrefix.add(Map.entry(f.substring(0, f.length() - 1), det));
                } else {
                    register(byFileName, f, det, "file name");
                }
            }
            for (String e : nn(ld.extensions())) {
                register(byExtension, e, det, "extension");
                byLowerExtension.putIfAbsent(e.toLowerCase(Locale.ROOT), det);
            }
            for (String s : nn(ld.shebangs())) {
                register(byInterpreter, s, lang, "shebang");
            }
        }
        for (Map.Entry<String, String> e : nnMap(def.ambiguousExtensions()).entrySet()) {
            Detection det = Detection.contentDependent(e.getValue());
            byExtension.put(e.getKey(), det);
            byLowerExtension.put(e.getKey().toLowerCase(Locale.ROOT), det);
        }
        // Longest prefix first so that "Makefile.am" prefers the most specific pattern.
        byFilePrefix.sort((a, b) -> b.getKey().length() - a.getKey().length());
        this.languages = List.copyOf(list);
        this.other = required(OTHER);
        this.cHeader = required("C Header");
        this.cppHeader = required("C++ Header");
        if (other.category() != Category.OTHER) {
            throw new IllegalStateException("Other must have category other");
        }
    }

    private static final class Holder {
        static final LanguageCatalog STANDARD = load();

        private static LanguageCatalog load() {
            try (InputStream in = LanguageCatalog.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource " + RESOURCE);
                }
                return fromJson(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The built-in catalog, read from {@link #RESOURCE} on first use. */
    public static LanguageCatalog standard() {
        return Holder.STANDARD;
    }

    /**
     * Reads a catalog in the {@code languages.json} format; fails on unknown fields (but {@code _comment}), values of
     * the wrong type, duplicates or bad references.
     */
    public static LanguageCatalog fromJson(InputStream json) throws IOException {
        // jackson-core's streaming parser and the records' own components, not an ObjectMapper: databind's set-up
        // took about a third of a warm run that reads everything else from the store
        try (JsonParser p = new JsonFactory().createParser(json)) {
            Object tree = JsonValues.read(p, p.nextToken());
            if (p.nextToken() != null) {
                throw new IOException("catalog: text after the top-level object");
            }
            return new LanguageCatalog((CatalogDef) JsonValues.bind(tree, CatalogDef.class, "catalog"));
        }
    }

    /** Plain JSON values (maps, lists, strings, booleans, numbers) and their binding to the catalog's records. */
    private static final class JsonValues {
        static Object read(JsonParser p, JsonToken t) throws IOException {
            if (t == null) {
                throw new IOException("catalog: empty");
            }
            switch (t) {
                case START_OBJECT -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
                        String name = p.currentName();
                        if (m.put(name, read(p, p.nextToken())) != null) {
                            throw new IOException("catalog: field '" + name + "' given twice");
                        }
                    }
                    return m;
                }
                case START_ARRAY -> {
                    List<Object> l = new ArrayList<>();
                    for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
                        l.add(read(p, e));
                    }
                    return l;
                }
                case VALUE_STRING -> {
                    return p.getText();
                }
                case VALUE_TRUE, VALUE_FALSE -> {
                    return t == JsonToken.VALUE_TRUE;
                }
                case VALUE_NULL -> {
                    return null;
                }
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                    return p.getNumberValue();
                }
                default -> throw new IOException("catalog: unexpected " + t + " at " + p.currentLocation());
            }
        }

        /** {@code json} as {@code type}: a String, Boolean, List, Map with String keys, or record of those. */
        static Object bind(Object json, java.lang.reflect.Type type, String where) throws IOException {
            if (json == null) {
                return null;
            }
            if (type instanceof java.lang.reflect.ParameterizedType pt) {
                java.lang.reflect.Type[] args = pt.getActualTypeArguments();
                if (pt.getRawType() == List.class && json instanceof List<?> l) {
                    List<Object> out = new ArrayList<>(l.size());
                    for (int i = 0; i < l.size(); i++) {
                        out.add(bind(l.get(i), args[0], where + "[" + i + "]"));
                    }
                    return out;
                }
                if (pt.getRawType() == Map.class && json instanceof Map<?, ?> m) {
                    Map<String, Object> out = new LinkedHashMap<>();
                    for (Map.Entry<?, ?> e : m.entrySet()) {
                        out.put((String) e.getKey(), bind(e.getValue(), args[1], where + "." + e.getKey()));
                    }
                    return out;
                }
            } else if (type == String.class && json instanceof String
                    || type == Boolean.class && json instanceof Boolean) {
                return json;
            } else if (type instanceof Class<?> c && c.isRecord() && json instanceof Map<?, ?> m) {
                java.lang.reflect.RecordComponent[] rc = c.getRecordComponents();
                Map<String, Integer> index = new HashMap<>();
                Class<?>[] types = new Class<?>[rc.length];
                for (int i = 0; i < rc.length; i++) {
                    index.put(rc[i].getName(), i);
                    types[i] = rc[i].getType();
                }
                Object[] values = new Object[rc.length];
                String at = m.get("name") instanceof String n ? where + " (" + n + ")" : where;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    Integer i = index.get((String) e.getKey());
                    if (i == null) {
                        if (e.getKey().equals("_comment")) {
                            continue;
                        }
                        throw new IOException(at + ": unknown field '" + e.getKey() + "'");
                    }
                    values[i] = bind(e.getValue(), rc[i].getGenericType(), at + "." + e.getKey());
                }
                try {
                    return c.getDeclaredConstructor(types).newInstance(values);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot build " + c.getSimpleName() + ": " + e, e);
                }
            }
            throw new IOException(where + ": expected " + describe(type) + ", found " + describe(json));
        }

        private static String describe(java.lang.reflect.Type type) {
            if (type instanceof java.lang.reflect.ParameterizedType pt) {
                return pt.getRawType() == List.class ? "a list" : "an object";
            }
            return type == String.class ? "a string" : type == Boolean.class ? "true or false" : "an object";
        }

        private static String describe(Object json) {
            return json instanceof String ? "a string" : json instanceof Boolean ? "a boolean"
                    : json instanceof List ? "a list" : json instanceof Map ? "an object" : "a number";
        }
    }

    public List<Language> languages() {
        return languages;
    }

    /** Looks a language up by name or alias, ignoring case. */
    public Optional<Language> byName(String name) {
        Language exact = byExactName.get(name);
        return Optional.ofNullable(exact != null ? exact : byLowerName.get(name.toLowerCase(Locale.ROOT)));
    }

    /** The bucket for files no rule recognises. */
    public Language other() {
        return other;
    }

    /**
     * Classifies a file by its name (the last path component); never null. Order: exact file name, file name
     * pattern ({@code Kconfig.*}), extension (exact case, then lower case); a name without a dot or with an
     * unknown extension ({@code configure}, {@code update.sample}, {@code foo.sh.in}) becomes
     * {@link Detection#SCRIPT} (a shebang may tell); dot files and names ending in a dot are {@link #other()}.
     */
    public Detection detect(String fileName) {
        Detection d = byFileName.get(fileName);
        if (d != null) {
            return d;
        }
        for (Map.Entry<String, Detection> e : byFilePrefix) {
            if (fileName.startsWith(e.getKey())) {
                return d = e.getValue();
            }
        }
        int dot = fileName.lastIndexOf('.');
        if (dot > 0 && dot < fileName.length() - 1) {
            String ext = fileName.substring(dot + 1);
            d = byExtension.get(ext);
            if (d == null) {
                d = byLowerExtension.get(ext.toLowerCase(Locale.ROOT));
            }
            return d != null ? d : SCRIPT;
        }
        return dot < 0 ? SCRIPT : Detection.of(other);
    }

    /**
     * The detection whose {@link Detection#key()} is {@code key}: the inverse of {@code detect(..).key()}, for
     * facts keys that travel without a file name (a fleet job's distinct blobs).
     *
     * @throws IllegalArgumentException when no detection of this catalog has that key
     */
    public Detection detection(String key) {
        if (key.startsWith("?")) {
            return Detection.contentDependent(key); // content-dependent classes are named "?…" (HEADER, SCRIPT)
        }
        return byName(key).filter(l -> l.name().equals(key)).map(Detection::of)
                .orElseThrow(() -> new IllegalArgumentException("no detection with key '" + key + "'"));
    }

    /**
     * Settles a content-dependent detection from the first {@code len} bytes of the file ({@code len} may be less
     * than the file; 64 KiB is plenty); never null, {@link #other()} when content does not tell.
     */
    public Language resolve(Detection detection, byte[] head, int len) {
        if (detection.definite() != null) {
            return detection.definite();
        }
        int n = Math.max(0, Math.min(len, head.length));
        return switch (detection.key()) {
            case Detection.HEADER -> HeaderSniffer.isCpp(head, n) ? cppHeader : cHeader;
            case Detection.SCRIPT -> shebang(head, n).orElse(other);
            default -> other;
        };
    }

    /** Convenience: {@code resolve(detect(fileName), head, len)}. */
    public Language languageOf(String fileName, byte[] head, int len) {
        return resolve(detect(fileName), head, len);
    }

    /**
     * The language named by a {@code #!} line, if any: {@code #!/bin/sh}, {@code #!/usr/bin/env -S python3 -u},
     * {@code #!/usr/bin/perl -w}. Version suffixes ({@code python3.11}) are ignored.
     */
    public Optional<Language> shebang(byte[] head, int len) {
        if (len < 3 || head[0] != '#' || head[1] != '!') {
            return Optional.empty();
        }
        int e = 2;
        while (e < len && e < 256 && head[e] != '\n') {
            e++;
        }
        String[] words = new String(head, 2, e - 2, StandardCharsets.ISO_8859_1).trim().split("[ \t\r]+");
        int k = 0;
        if (k < words.length && basename(words[k]).equals("env")) {
            k++;
            while (k < words.length && (words[k].startsWith("-") || words[k].contains("="))) {
                if (words[k].equals("-u") || words[k].equals("--unset")) {
                    k++; // its argument
                }
                if (words[k].startsWith("-S") && words[k].length() > 2) {
                    words[k] = words[k].substring(2); // -Sbash
                    break;
                }
                k++;
            }
        }
        if (k >= words.length || words[k].isEmpty()) {
            return Optional.empty();
        }
        String interpreter = basename(words[k]);
        Language l = byInterpreter.get(interpreter);
        if (l == null) {
            l = byInterpreter.get(interpreter.replaceFirst("[0-9.]+$", ""));
        }
        return Optional.ofNullable(l);
    }

    private static String basename(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private Language required(String name) {
        Language l = byLowerName.get(name.toLowerCase(Locale.ROOT));
        if (l == null) {
            throw new IllegalStateException("catalog lacks " + name);
        }
        return l;
    }

    private static Category category(LanguageDef ld) {
        try {
            return Category.valueOf(Objects.requireNonNull(ld.category(), "category").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(ld.name() + ": unknown category " + ld.category(), e);
        }
    }

    private static <V> void register(Map<String, V> map, String key, V value, String what) {
        V old = map.putIfAbsent(key, value);
        if (old != null && !old.equals(value)) {
            throw new IllegalStateException("duplicate " + what + " '" + key + "': " + old + " and " + value);
        }
    }

    private static List<String> lower(List<String> l) {
        return nn(l).stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
    }

    private static <T> List<T> nn(List<T> l) {
        return l == null ? List.of() : l;
    }

    private static <K, V> Map<K, V> nnMap(Map<K, V> m) {
        return m == null ? Map.of() : m;
    }

    // ---- JSON shape of languages.json ----

    record CatalogDef(Map<String, String> ambiguousExtensions, List<LanguageDef> languages) {
    }

    record BlockDef(String open, String close, Boolean lineStart) {
    }

    record QuoteDef(String open, String close, String escape, Boolean multiline, Boolean doc) {
    }

    record LanguageDef(String name, String category, String like, List<String> aliases, List<String> extensions,
                       List<String> fileNames, List<String> shebangs, List<String> lineComments,
                       List<String> lineStartComments, List<BlockDef> blockComments, Boolean nested,
                       List<QuoteDef> strings, String chars, String rawStrings, String longBracketComment,
                       Boolean longBracketStrings, Boolean escapeInCode, Boolean commentContinuation,
                       Boolean commentAfterSpace, Boolean preprocessorIsCode, List<String> docComments) {

        /** This definition with syntax fields it leaves out taken from {@code base}. */
        LanguageDef inherit(LanguageDef base) {
            return new LanguageDef(name, category, like, aliases, extensions, fileNames, shebangs,
                    or(lineComments, base.lineComments), or(lineStartComments, base.lineStartComments),
                    or(blockComments, base.blockComments), or(nested, base.nested), or(strings, base.strings),
                    or(chars, base.chars), or(rawStrings, base.rawStrings),
                    or(longBracketComment, base.longBracketComment), or(longBracketStrings, base.longBracketStrings),
                    or(escapeInCode, base.escapeInCode), or(commentContinuation, base.commentContinuation),
                    or(commentAfterSpace, base.commentAfterSpace), or(preprocessorIsCode, base.preprocessorIsCode),
                    or(docComments, base.docComments));
        }

        private static <T> T or(T a, T b) {
            return a != null ? a : b;
        }

        Syntax syntax() {
            try {
                return new Syntax.Builder()
                        .lineComments(nn(lineComments))
                        .lineStartComments(nn(lineStartComments))
                        .blockComments(nn(blockComments).stream()
                                .map(b -> new Syntax.Block(b.open(), b.close(), Boolean.TRUE.equals(b.lineStart())))
                                .toList())
                        .nested(Boolean.TRUE.equals(nested))
                        .strings(nn(strings).stream()
                                .map(q -> new Syntax.Quote(q.open(), q.close() != null ? q.close() : q.open(),
                                        q.escape(), Boolean.TRUE.equals(q.multiline()), Boolean.TRUE.equals(q.doc())))
                                .toList())
                        .chars(chars == null ? Syntax.CharLiterals.NONE
                                : Syntax.CharLiterals.valueOf(chars.toUpperCase(Locale.ROOT)))
                        .rawStrings(rawStrings == null ? Syntax.RawStrings.NONE
                                : Syntax.RawStrings.valueOf(rawStrings.toUpperCase(Locale.ROOT)))
                        .longBracketComment(longBracketComment)
                        .longBracketStrings(Boolean.TRUE.equals(longBracketStrings))
                        .escapeInCode(Boolean.TRUE.equals(escapeInCode))
                        .commentContinuation(Boolean.TRUE.equals(commentContinuation))
                        .commentAfterSpace(Boolean.TRUE.equals(commentAfterSpace))
                        .preprocessorIsCode(Boolean.TRUE.equals(preprocessorIsCode))
                        .docComments(nn(docComments))
                        .build();
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IllegalStateException(name + ": bad syntax definition: " + e.getMessage(), e);
            }
        }
    }
}
