package dev.codemill.stages.analysis.syntax;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import org.treesitter.TSParser;

/**
 * The native syntax-tree export: a small JNI library ({@code src/main/native/syntax_export.c},
 * built by Maven into this jar for linux x86_64, and aarch64 where a cross compiler was found)
 * that parses and walks a tree inside C with the tree-sitter runtime the
 * {@code io.github.bonede:tree-sitter} jar already loaded, and returns the whole tree as one
 * {@code int[]} ({@link NodeRecords}): one JNI call per tree instead of 5–7 per node.
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
    private static final Field PARSER_PTR;

    static {
        String why = null;
        Field ptr = null;
        if ("false".equalsIgnoreCase(System.getProperty(PROPERTY))) {
            why = "off (" + PROPERTY + "=false)";
        } else {
            try {
                why = load();
                if (why == null) {
                    ptr = TSParser.class.getDeclaredField("ptr");
                    ptr.setAccessible(true);
                    why = selfCheck(ptr);
                }
            } catch (IOException | ReflectiveOperationException | RuntimeException | LinkageError e) {
                why = "not loaded: " + e;
            }
        }
        PARSER_PTR = ptr;
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
            // the binding's runtime must be in the process first: init() looks its functions up there
            new TSParser().close();
            System.load(file.toAbsolutePath().toString());
        }
        String why = init();
        return why == null ? null : "not initialised: " + why;
    }

    /**
     * Null when the native export gives exactly the pure-Java walk's records on a small Python
     * text with fields, a non-ASCII comment and a syntax error; else what differed. Guards against
     * a binding whose runtime no longer matches the ABI the library was compiled for.
     */
    private static String selfCheck(Field ptr) throws IllegalAccessException {
        byte[] text = "def f(a):\n    return a  # \u00e9\nx = (1\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (TSParser parser = new TSParser()) {
            parser.setLanguage(new org.treesitter.TreeSitterPython());
            int[] viaNative = parseExport(ptr.getLong(parser), text, 1000, 0);
            int[] viaJava = JavaWalk.parseExport(parser, text, 1000, 0);
            if (!java.util.Arrays.equals(viaNative, viaJava)) {
                return "self-check failed: native records " + java.util.Arrays.toString(viaNative)
                        + " differ from the Java walk's " + java.util.Arrays.toString(viaJava);
            }
        }
        return null;
    }

    /** The binding's {@code TSParser*}. */
    static long pointer(TSParser parser) {
        try {
            return PARSER_PTR.getLong(parser);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Parses UTF-8 bytes and exports the tree in {@link NodeRecords} form, in one native call.
     *
     * @param maxNodes    export at most this many nodes (status TRUNCATED when there were more);
     *                    0 parses only (benchmarks)
     * @param budgetNanos CPU time of this thread after which the parse is abandoned (status
     *                    TIMED_OUT, no nodes); 0 for none
     */
    static int[] parseExport(TSParser parser, byte[] utf8, int maxNodes, long budgetNanos) {
        if (!AVAILABLE) {
            throw new IllegalStateException("native syntax export unavailable: " + STATUS);
        }
        return parseExport(pointer(parser), utf8, maxNodes, budgetNanos);
    }

    private static native String init();

    private static native int[] parseExport(long parser, byte[] utf8, int maxNodes, long budgetNanos);
}
