package dev.codemill.stages.analysis.syntax;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.lang.ref.Cleaner;
import java.util.HashMap;
import java.util.Map;
import org.treesitter.TSLanguage;
import org.treesitter.TSParser;

/**
 * The native syntax-tree export: a small JNI library ({@code src/main/native/syntax_export.c},
 * built by Maven into this jar for linux x86_64, and aarch64 where a cross compiler was found)
 * that parses and walks a tree inside C and returns the whole tree as one {@code int[]}
 * ({@link NodeRecords}): one JNI call per tree instead of 5–7 per node. It parses with its own
 * copy of the tree-sitter runtime ({@code src/main/native/tree-sitter}, vendored unmodified,
 * compiled at {@code -O3} with LTO; the {@code io.github.bonede:tree-sitter} jar ships its runtime
 * unoptimised, which parses 2.6–2.8× slower) and the grammars ({@link TSLanguage} tables) of the
 * binding's grammar jars, except where the library holds its own optimised build of the same
 * generated grammar ({@code src/main/native/grammars}: Python; the binding's grammar libraries
 * are built without optimisation), which it uses only when all its tables equal the binding's
 * ({@link #ownGrammar}). Each thread keeps one native parser per grammar, freed when the thread
 * is gone.
 *
 * <p>Loaded once, then checked against the pure-Java walk on a small text; when the library is
 * absent for this platform, fails to load, cannot find the runtime's functions or fails that
 * check, {@link #available()} is false, {@link #status()} says why and
 * {@link Parsers} uses the pure-Java walk (same trees). The system property
 * {@code codemill.syntax.native=false} turns it off.
 */
public final class NativeTrees {
    /** System property: {@code false} forces the pure-Java walk. */
    public static final String PROPERTY = "codemill.syntax.native";

    private static final String STATUS;
    private static final boolean AVAILABLE;
    private static final Field LANGUAGE_PTR;
    private static final Cleaner CLEANER = Cleaner.create();
    private static final ThreadLocal<Map<Long, NativeParser>> PARSERS = ThreadLocal.withInitial(HashMap::new);

    static {
        String why = null;
        Field ptr = null;
        if ("false".equalsIgnoreCase(System.getProperty(PROPERTY))) {
            why = "off (" + PROPERTY + "=false)";
        } else {
            try {
                why = load();
                if (why == null) {
                    ptr = TSLanguage.class.getDeclaredField("ptr");
                    ptr.setAccessible(true);
                    why = selfCheck(ptr);
                }
            } catch (IOException | ReflectiveOperationException | RuntimeException | LinkageError e) {
                why = "not loaded: " + e;
            }
        }
        LANGUAGE_PTR = ptr;
        AVAILABLE = why == null;
        STATUS = why == null ? "native (" + platform() + ")" : why;
    }

    private NativeTrees() {
    }

    /** Whether the native export is loaded and ready. */
    public static boolean available() {
        return AVAILABLE;
    }

    /** {@code native (linux-x86_64)}, or why the pure-Java walk is used. */
    public static String status() {
        return STATUS;
    }

    static String platform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String a = arch.equals("amd64") || arch.equals("x86_64") ? "x86_64"
                : arch.equals("aarch64") || arch.equals("arm64") ? "aarch64" : arch;
        return (os.contains("linux") ? "linux" : os.replace(' ', '_')) + "-" + a;
    }

    /** Null when loaded and initialised, else why not. */
    private static String load() throws IOException {
        String resource = "native/" + platform() + "/libcodemill_syntax.so";
        try (InputStream in = NativeTrees.class.getResourceAsStream(resource)) {
            if (in == null) {
                return "no native library for " + platform() + " in this build (" + resource + ")";
            }
            Path file = Files.createTempFile("codemill_syntax", ".so");
            file.toFile().deleteOnExit();
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            System.load(file.toAbsolutePath().toString());
        }
        String why = init();
        return why == null ? null : "not initialised: " + why;
    }

    /**
     * Null when the native export gives exactly the pure-Java walk's records (the binding's own
     * runtime) on a small Python text with fields, a non-ASCII comment and a syntax error; else
     * what differed. Guards against a grammar whose tables no longer match the vendored runtime.
     */
    private static String selfCheck(Field ptr) throws IllegalAccessException {
        byte[] text = "def f(a):\n    return a  # \u00e9\nx = (1\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        TSLanguage python = new org.treesitter.TreeSitterPython();
        try (TSParser parser = new TSParser()) {
            parser.setLanguage(python);
            long p = newParser(ptr.getLong(python));
            if (p == 0) {
                return "self-check failed: the vendored runtime does not accept the Python grammar (ABI " + python.abiVersion() + ")";
            }
            int[] viaNative;
            try {
                viaNative = parseExport(p, text, 1000, 0);
            } finally {
                deleteParser(p);
            }
            int[] viaJava = JavaWalk.parseExport(parser, text, 1000, 0);
            if (!java.util.Arrays.equals(viaNative, viaJava)) {
                return "self-check failed: native records " + java.util.Arrays.toString(viaNative)
                        + " differ from the Java walk's " + java.util.Arrays.toString(viaJava);
            }
        }
        return null;
    }

    /** A parser of the vendored runtime, deleted when no thread holds it any more. */
    private static final class NativeParser {
        final long ptr;

        NativeParser(long ptr) {
            this.ptr = ptr;
            CLEANER.register(this, () -> deleteParser(ptr));
        }
    }

    /** This thread's native parser for a grammar (created on first use). */
    private static long parser(TSLanguage language) {
        long lang;
        try {
            lang = LANGUAGE_PTR.getLong(language);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
        NativeParser p = PARSERS.get().get(lang);
        if (p == null) {
            long ptr = newParser(lang);
            if (ptr == 0) {
                throw new IllegalStateException("the vendored tree-sitter runtime does not accept grammar ABI " + language.abiVersion());
            }
            p = new NativeParser(ptr);
            PARSERS.get().put(lang, p);
        }
        return p.ptr;
    }

    /**
     * Parses UTF-8 bytes and exports the tree in {@link NodeRecords} form, in one native call.
     *
     * @param maxNodes    export at most this many nodes (status TRUNCATED when there were more);
     *                    0 parses only (benchmarks)
     * @param budgetNanos CPU time of this thread after which the parse is abandoned (status
     *                    TIMED_OUT, no nodes); 0 for none
     */
    static int[] parseExport(TSLanguage language, byte[] utf8, int maxNodes, long budgetNanos) {
        if (!AVAILABLE) {
            throw new IllegalStateException("native syntax export unavailable: " + STATUS);
        }
        return parseExport(parser(language), utf8, maxNodes, budgetNanos);
    }

    /**
     * Whether this thread's native parser for a grammar parses with the library's own build of
     * it (same tables as the binding's, compiled with optimisation) rather than the binding's.
     */
    static boolean ownGrammar(TSLanguage language) {
        return AVAILABLE && ownGrammar(parser(language));
    }

    private static native String init();

    private static native boolean ownGrammar(long parser);

    /** A parser of the vendored runtime for a grammar's {@code TSLanguage*}; 0 when its ABI is not supported. */
    private static native long newParser(long language);

    private static native void deleteParser(long parser);

    private static native int[] parseExport(long parser, byte[] utf8, int maxNodes, long budgetNanos);
}
