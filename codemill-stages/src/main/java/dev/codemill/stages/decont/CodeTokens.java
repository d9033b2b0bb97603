package dev.codemill.stages.decont;

import java.util.Arrays;
import java.util.Set;
import net.openhft.hashing.LongHashFunction;

/**
 * The token stream decontamination compares, with whitespace normalised away. A text is split
 * into tokens; whitespace ({@link Character#isWhitespace(int)}) only separates tokens and is
 * never part of one, so re-indenting, re-wrapping or changing line endings (CRLF, tabs) leaves
 * the stream unchanged:
 * <ul>
 *   <li><b>word</b>: a {@link Character#isJavaIdentifierStart(int)} code point followed by
 *       {@link Character#isJavaIdentifierPart(int)} code points ({@code _}, {@code $}, Unicode
 *       letters and digits) — identifiers, keywords and the words of comments and strings alike;</li>
 *   <li><b>number</b>: a digit followed by letters, digits, {@code _} and any {@code .} that is
 *       followed by a digit ({@code 1.0}, {@code 0x1F}, {@code 1e} {@code -} {@code 6});</li>
 *   <li><b>symbol</b>: any other single code point; the three quote characters {@code ' " `}
 *       are one and the same token, so a copy that switched quote style still matches.</li>
 * </ul>
 * Each token is represented by the 64-bit XXH3 hash of its UTF-16 chars (zero-allocation-hashing;
 * quotes all hash as {@code "}). These tokens serve the literal and exact-substring passes;
 * the identifier-abstracted pass uses {@link AbstractedTokens}, which never binds a word of
 * {@link #KEEP}.
 *
 * <p>Shapes: {@link #hashes()} has {@link #size()} meaningful entries.
 */
public final class CodeTokens {
    private static final LongHashFunction XX3 = LongHashFunction.xx3();
    private static final long QUOTE = XX3.hashChars("\"");

    /**
     * Words that are never renamed: keywords and builtins a renamer cannot touch without changing
     * the program's meaning. A union over the benchmark languages (HumanEval-X: Python, C++, Go,
     * Java, JavaScript, Rust). Library names that are common variable names in another language
     * ({@code string}, {@code size}, {@code end}, {@code copy}, {@code sort}, {@code error}) are
     * deliberately absent: a renamer would rename such a Python variable.
     */
    public static final Set<String> KEEP = Set.copyOf(Arrays.asList(
            // Python keywords, soft keywords and builtins used by HumanEval/MBPP solutions
            "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
            "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in",
            "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
            "match", "case", "self", "cls", "print", "len", "range", "enumerate", "zip", "map", "filter",
            "sorted", "reversed", "sum", "min", "max", "abs", "all", "any", "int", "float", "str", "bool",
            "list", "dict", "set", "tuple", "frozenset", "bytes", "chr", "ord", "round", "pow", "divmod",
            "isinstance", "type", "object", "super", "iter", "next", "hash", "hex", "bin", "oct", "input",
            "open", "format", "repr", "callable", "getattr", "setattr", "hasattr", "Exception", "ValueError",
            "TypeError", "KeyError", "IndexError", "List", "Dict", "Tuple", "Optional", "Any", "Set",
            "typing", "math", "re", "heapq", "collections", "itertools", "functools",
            // Java
            "abstract", "boolean", "byte", "char", "default", "do", "double", "extends", "final", "goto",
            "implements", "instanceof", "interface", "long", "native", "new", "package", "private",
            "protected", "public", "short", "static", "strictfp", "switch", "synchronized", "this", "throw",
            "throws", "transient", "void", "volatile", "var", "null", "true", "false", "String", "Integer",
            "Long", "Double", "Boolean", "Character", "Object", "Math", "System", "ArrayList", "HashMap",
            "HashSet", "Arrays", "Collections", "Map", "Optional", "Solution", "Main",
            // JavaScript
            "const", "let", "function", "undefined", "typeof", "delete", "of", "debugger", "export",
            "console", "Array", "Number", "JSON", "NaN", "Infinity",
            // C / C++
            "auto", "const_cast", "enum", "extern", "inline", "register", "signed", "sizeof", "struct",
            "typedef", "union", "unsigned", "using", "namespace", "std", "vector", "include",
            "define", "template", "typename", "push_back", "cout", "endl",
            "operator", "virtual", "friend", "nullptr", "size_t",
            // Go
            "chan", "fallthrough", "func", "go", "defer", "select", "map", "range", "make", "append", "cap",
            "nil", "int64", "float64", "rune", "fmt", "strconv",
            // Rust
            "fn", "mut", "impl", "trait", "pub", "crate", "mod", "use", "loop", "ref", "move", "Self",
            "where", "dyn", "unsafe", "i32", "i64", "u32", "u64", "usize", "f32", "f64", "Vec", "Some",
            "Ok", "Err", "HashMap", "iter", "collect", "unwrap", "to_string", "clone", "as"));

    private final long[] hashes;
    private final int size;
    private final long chars;

    private CodeTokens(long[] hashes, int size, long chars) {
        this.hashes = hashes;
        this.size = size;
        this.chars = chars;
    }

    /** Tokenises {@code text} (any length; never null). */
    public static CodeTokens of(String text) {
        int n = text.length();
        long[] hashes = new long[Math.max(16, n / 4)];
        int count = 0;
        long chars = 0;
        int i = 0;
        while (i < n) {
            int cp = text.codePointAt(i);
            int width = Character.charCount(cp);
            if (Character.isWhitespace(cp)) {
                i += width;
                continue;
            }
            int start = i;
            long h;
            if (Character.isJavaIdentifierStart(cp)) {
                i += width;
                while (i < n) {
                    int c = text.codePointAt(i);
                    if (!Character.isJavaIdentifierPart(c) || Character.isIdentifierIgnorable(c)) {
                        break;
                    }
                    i += Character.charCount(c);
                }
                h = XX3.hashChars(text, start, i - start);
            } else if (cp >= '0' && cp <= '9') {
                i++;
                while (i < n) {
                    char c = text.charAt(i);
                    if (Character.isLetterOrDigit(c) || c == '_'
                            || (c == '.' && i + 1 < n && text.charAt(i + 1) >= '0' && text.charAt(i + 1) <= '9')) {
                        i++;
                    } else {
                        break;
                    }
                }
                h = XX3.hashChars(text, start, i - start);
            } else {
                i += width;
                h = (cp == '\'' || cp == '"' || cp == '`') ? QUOTE : XX3.hashChars(text, start, width);
            }
            if (count == hashes.length) {
                hashes = Arrays.copyOf(hashes, count * 2);
            }
            hashes[count] = h;
            count++;
            chars += i - start;
        }
        return new CodeTokens(hashes, count, chars);
    }

    /** Number of tokens. */
    public int size() {
        return size;
    }

    /** Token hashes; only the first {@link #size()} entries are meaningful (the array is shared). */
    public long[] hashes() {
        return hashes;
    }

    /** Length of the whitespace-normalised text: UTF-16 chars of all tokens together. */
    public long normalisedChars() {
        return chars;
    }

    /** The token hashes as a fresh array of exactly {@link #size()} entries. */
    public long[] hashesCopy() {
        return Arrays.copyOf(hashes, size);
    }

    /**
     * Whether {@code needle}'s token sequence occurs contiguously in this one, i.e. whether the
     * whitespace-normalised needle is a substring of the whitespace-normalised text at token
     * boundaries.
     */
    public boolean containsSequence(long[] needle) {
        int m = needle.length;
        if (m == 0) {
            return true;
        }
        outer:
        for (int i = 0; i + m <= size; i++) {
            if (hashes[i] != needle[0]) {
                continue;
            }
            for (int j = 1; j < m; j++) {
                if (hashes[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
