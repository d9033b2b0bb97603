package dev.codemill.stages.analysis.syntax;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.treesitter.TSInputEncoding;
import org.treesitter.TSLanguage;
import org.treesitter.TSNode;
import org.treesitter.TSParser;
import org.treesitter.TSTree;
import org.treesitter.TSTreeCursor;
import org.treesitter.TreeSitterC;
import org.treesitter.TreeSitterCSharp;
import org.treesitter.TreeSitterCpp;
import org.treesitter.TreeSitterGo;
import org.treesitter.TreeSitterJava;
import org.treesitter.TreeSitterJavascript;
import org.treesitter.TreeSitterKotlin;
import org.treesitter.TreeSitterPhp;
import org.treesitter.TreeSitterPython;
import org.treesitter.TreeSitterRuby;
import org.treesitter.TreeSitterRust;
import org.treesitter.TreeSitterTypescript;

/**
 * Parses text with the tree-sitter grammar of a linguist language name and copies the tree into
 * a {@link SyntaxTree}. Grammars come from the {@code io.github.bonede:tree-sitter-*} jars (native
 * code for linux x86_64/aarch64 inside; versions pinned in the parent POM as proven in
 * {@code shared/LIBRARIES.md}).
 *
 * <p>Thread-safe: a {@link TSParser} is not, so each thread keeps its own parser per language
 * ({@link ThreadLocal}); languages are immutable native tables shared by all threads.
 */
public final class Parsers {
    private static final Map<String, Supplier<TSLanguage>> FACTORIES = Map.ofEntries(
            Map.entry("Python", TreeSitterPython::new),
            Map.entry("Java", TreeSitterJava::new),
            Map.entry("JavaScript", TreeSitterJavascript::new),
            Map.entry("TypeScript", TreeSitterTypescript::new),
            Map.entry("C", TreeSitterC::new),
            Map.entry("C++", TreeSitterCpp::new),
            Map.entry("C#", TreeSitterCSharp::new),
            Map.entry("Go", TreeSitterGo::new),
            Map.entry("Rust", TreeSitterRust::new),
            Map.entry("PHP", TreeSitterPhp::new),
            Map.entry("Ruby", TreeSitterRuby::new),
            Map.entry("Kotlin", TreeSitterKotlin::new));

    private static final Map<String, Grammar> GRAMMARS = new HashMap<>();

    private static final ThreadLocal<Map<String, TSParser>> PARSERS = ThreadLocal.withInitial(HashMap::new);

    private Parsers() {
    }

    /** Languages (linguist names) that have a grammar here. */
    public static java.util.Set<String> languages() {
        return FACTORIES.keySet();
    }

    public static boolean supports(String language) {
        return language != null && FACTORIES.containsKey(language);
    }

    /** A language's native table plus symbol and field names cached as Java strings. */
    private record Grammar(TSLanguage language, String[] symbols, boolean[] namedSymbols, String[] fields) {
    }

    private static synchronized Grammar grammar(String language) {
        Grammar g = GRAMMARS.get(language);
        if (g == null) {
            TSLanguage lang = FACTORIES.get(language).get();
            int n = lang.symbolCount();
            String[] symbols = new String[n];
            boolean[] namedSymbols = new boolean[n];
            for (int i = 0; i < n; i++) {
                symbols[i] = lang.symbolName(i);
                namedSymbols[i] = lang.symbolType(i) == org.treesitter.TSSymbolType.TSSymbolTypeRegular;
            }
            int f = lang.fieldCount();
            String[] fields = new String[f + 1];
            for (int i = 1; i <= f; i++) {
                fields[i] = lang.fieldNameForId(i);
            }
            g = new Grammar(lang, symbols, namedSymbols, fields);
            GRAMMARS.put(language, g);
        }
        return g;
    }

    /**
     * Parses {@code text} as {@code language}; empty when the language has no grammar here.
     *
     * @param maxNodes stop copying (and return what was copied, marked truncated by a smaller
     *                 {@link SyntaxTree#size()}) after this many nodes; bounds memory on huge inputs
     */
    public static Optional<SyntaxTree> parse(String text, String language, int maxNodes) {
        if (!supports(language)) {
            return Optional.empty();
        }
        Grammar g = grammar(language);
        TSParser parser = PARSERS.get().computeIfAbsent(language, l -> {
            TSParser p = new TSParser();
            p.setLanguage(g.language());
            return p;
        });
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        // the binding reads through a TSReader that fills its buffer from a byte offset; a null reader crashes the JVM
        byte[] buffer = new byte[Math.max(16, Math.min(bytes.length, 1 << 16))];
        TSTree tree = parser.parse(buffer, null, (buf, offset, point) -> {
            if (offset < 0 || offset >= bytes.length) {
                return 0;
            }
            int n = Math.min(buf.length, bytes.length - offset);
            System.arraycopy(bytes, offset, buf, 0, n);
            return n;
        }, TSInputEncoding.TSInputEncodingUTF8);
        if (tree == null) {
            parser.reset();
            return Optional.empty();
        }
        try (tree) {
            return Optional.of(copy(tree, bytes, g, maxNodes));
        }
    }

    private static SyntaxTree copy(TSTree tree, byte[] bytes, Grammar g, int maxNodes) {
        TSNode root = tree.getRootNode();
        boolean anyError = root.hasError();
        int cap = 1024;
        String[] type = new String[cap];
        String[] field = new String[cap];
        int[] start = new int[cap];
        int[] end = new int[cap];
        int[] parent = new int[cap];
        boolean[] named = new boolean[cap];
        boolean[] error = new boolean[cap];
        boolean[] missing = new boolean[cap];
        int[] stack = new int[64];
        int depth = 0;
        int n = 0;
        try (TSTreeCursor cursor = new TSTreeCursor(root)) {
            stack[0] = -1;
            while (n < maxNodes) {
                if (n == cap) {
                    cap *= 2;
                    type = Arrays.copyOf(type, cap);
                    field = Arrays.copyOf(field, cap);
                    start = Arrays.copyOf(start, cap);
                    end = Arrays.copyOf(end, cap);
                    parent = Arrays.copyOf(parent, cap);
                    named = Arrays.copyOf(named, cap);
                    error = Arrays.copyOf(error, cap);
                    missing = Arrays.copyOf(missing, cap);
                }
                TSNode node = cursor.currentNode();
                int sym = node.getSymbol();
                boolean isErr = sym == 0xFFFF || (anyError && node.isError());
                type[n] = isErr ? "ERROR" : sym >= 0 && sym < g.symbols().length ? g.symbols()[sym] : node.getType();
                named[n] = isErr || (sym >= 0 && sym < g.namedSymbols().length && g.namedSymbols()[sym]);
                int fid = cursor.currentFieldId();
                field[n] = fid > 0 && fid < g.fields().length ? g.fields()[fid] : null;
                start[n] = node.getStartByte();
                end[n] = node.getEndByte();
                parent[n] = stack[depth];
                error[n] = isErr;
                missing[n] = anyError && node.isMissing();
                int me = n++;
                if (cursor.gotoFirstChild()) {
                    depth++;
                    if (depth == stack.length) {
                        stack = Arrays.copyOf(stack, depth * 2);
                    }
                    stack[depth] = me;
                    continue;
                }
                boolean moved = false;
                while (!moved) {
                    if (cursor.gotoNextSibling()) {
                        moved = true;
                    } else if (cursor.gotoParent()) {
                        depth--;
                    } else {
                        break;
                    }
                }
                if (!moved) {
                    break;
                }
            }
        }
        return new SyntaxTree(bytes, type, field, start, end, parent, named, error, missing, n);
    }

    private static final class Arrays {
        static String[] copyOf(String[] a, int n) {
            return java.util.Arrays.copyOf(a, n);
        }

        static int[] copyOf(int[] a, int n) {
            return java.util.Arrays.copyOf(a, n);
        }

        static boolean[] copyOf(boolean[] a, int n) {
            return java.util.Arrays.copyOf(a, n);
        }
    }
}
