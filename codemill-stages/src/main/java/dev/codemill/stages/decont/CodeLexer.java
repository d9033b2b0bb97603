package dev.codemill.stages.decont;

import java.util.Arrays;
import java.util.Locale;
import net.openhft.hashing.LongHashFunction;

/**
 * A token lexer that knows where comments and strings are, for the identifier-abstracted pass
 * ({@link AbstractedTokens}). Comments are dropped, and so are Python triple-quoted strings
 * (docstrings: a renamer that also renames the words of the docstring changes nothing), so only
 * code remains; whitespace only separates tokens (tabs, re-indenting and re-wrapping change
 * nothing). Token kinds:
 * <ul>
 *   <li>{@link #WORD}: {@link Character#isJavaIdentifierStart(int)} then identifier parts;</li>
 *   <li>{@link #NUMBER}: a digit then letters, digits, {@code _} and {@code .} before a digit;</li>
 *   <li>{@link #STRING}: one token per string literal, hashed by its content (quote style and
 *       {@code r/b/u/f} prefixes ignored);</li>
 *   <li>{@link #OP}: an operator by maximal munch over the multi-character operators of the
 *       benchmark languages ({@code ==}, {@code +=}, {@code :=}, {@code =>}, {@code ->}, …), else
 *       one code point.</li>
 * </ul>
 * Two syntaxes: {@link Syntax#PYTHON} ({@code #} comments, {@code '''}/{@code """} strings
 * dropped, {@code //} an operator) and {@link Syntax#C_LIKE} for Java, JavaScript, C/C++, Go and
 * Rust ({@code //} and {@code /* *}{@code /} comments, {@code `} strings may span lines; a
 * {@code '} without a closing {@code '} on its line is an operator, e.g. a Rust lifetime). A
 * single-line string left open is closed at the end of its line. Thread-safe (no state).
 */
public final class CodeLexer {
    public static final byte WORD = 0;
    public static final byte NUMBER = 1;
    public static final byte STRING = 2;
    public static final byte OP = 3;

    static final LongHashFunction XX3 = LongHashFunction.xx3();
    private static final long STRING_SEED = 0x5717_1A6L;
    private static final LongHashFunction XX3_STRING = LongHashFunction.xx3(STRING_SEED);

    private static final String[] OPS3 = {">>=", "<<=", "**=", "//=", "...", "===", "!=="};
    private static final String[] OPS2 = {"==", "!=", "<=", ">=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=",
        ":=", "=>", "->", "::", "**", "//", "&&", "||", "++", "--", "<<", ">>"};

    /** Comment and string syntax of a text. */
    public enum Syntax {
        PYTHON, C_LIKE;

        /**
         * The syntax for a linguist language name or, when that is null or unknown, a file name's
         * extension: Python (and {@code .py}, {@code .pyi}, {@code .pyw}) is {@link #PYTHON},
         * everything else {@link #C_LIKE}.
         */
        public static Syntax of(String language, String fileName) {
            if (language != null && !language.isEmpty()) {
                return language.toLowerCase(Locale.ROOT).startsWith("python") ? PYTHON : C_LIKE;
            }
            String f = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
            return f.endsWith(".py") || f.endsWith(".pyi") || f.endsWith(".pyw") ? PYTHON : C_LIKE;
        }

        /**
         * The syntax of a benchmark file by its name: HumanEval-X's {@code humaneval_cpp/go/java/js/rust}
         * files are {@link #C_LIKE}, every other benchmark (HumanEval, MBPP, MBPP+) is Python.
         */
        public static Syntax ofBenchmark(String benchmarkFile) {
            String f = benchmarkFile.toLowerCase(Locale.ROOT);
            for (String l : new String[] {"_cpp", "_go", "_java", "_js", "_rust", "_javascript"}) {
                if (f.contains(l + ".")) {
                    return C_LIKE;
                }
            }
            return PYTHON;
        }
    }

    /**
     * The tokens of one text: {@code size} entries of kind and 64-bit hash (XXH3 of the token's
     * chars; strings: XXH3 of the content with another seed).
     */
    public record Lexed(byte[] kinds, long[] hashes, int size) {
    }

    private CodeLexer() {
    }

    /** Lexes {@code text} (never null). */
    public static Lexed lex(String text, Syntax syntax) {
        boolean py = syntax == Syntax.PYTHON;
        int n = text.length();
        byte[] kinds = new byte[Math.max(16, n / 4)];
        long[] hashes = new long[kinds.length];
        int count = 0;
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            byte kind;
            long h;
            if (py && c == '#') {
                i = lineEnd(text, i);
                continue;
            }
            if (!py && c == '/' && i + 1 < n && text.charAt(i + 1) == '/') {
                i = lineEnd(text, i);
                continue;
            }
            if (!py && c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                int e = text.indexOf("*/", i + 2);
                i = e < 0 ? n : e + 2;
                continue;
            }
            int q = py ? stringStart(text, i) : i;
            char qc = q < n ? text.charAt(q) : 0;
            if (qc == '"' || (qc == '\'' && (py || closesOnLine(text, q))) || (!py && qc == '`')) {
                if (py && q + 2 < n && text.charAt(q + 1) == qc && text.charAt(q + 2) == qc) {
                    int e = text.indexOf(String.valueOf(qc).repeat(3), q + 3);
                    i = e < 0 ? n : e + 3;       // docstring or other triple-quoted text: dropped
                    continue;
                }
                int s = q + 1;
                int e = s;
                boolean multiLine = qc == '`';
                while (e < n && text.charAt(e) != qc && (multiLine || text.charAt(e) != '\n')) {
                    e += text.charAt(e) == '\\' && e + 1 < n ? 2 : 1;
                }
                e = Math.min(e, n);
                kind = STRING;
                h = XX3_STRING.hashChars(text, s, e - s);
                i = e < n && text.charAt(e) == qc ? e + 1 : e;
            } else if (Character.isJavaIdentifierStart(c) || Character.isHighSurrogate(c)) {
                int cp = text.codePointAt(i);
                if (!Character.isJavaIdentifierStart(cp)) {
                    kind = OP;
                    h = XX3.hashChars(text, i, Character.charCount(cp));
                    i += Character.charCount(cp);
                } else {
                    int s = i;
                    i += Character.charCount(cp);
                    while (i < n) {
                        int d = text.codePointAt(i);
                        if (!Character.isJavaIdentifierPart(d) || Character.isIdentifierIgnorable(d)) {
                            break;
                        }
                        i += Character.charCount(d);
                    }
                    kind = WORD;
                    h = XX3.hashChars(text, s, i - s);
                }
            } else if (c >= '0' && c <= '9') {
                int s = i++;
                while (i < n) {
                    char d = text.charAt(i);
                    if (Character.isLetterOrDigit(d) || d == '_'
                            || (d == '.' && i + 1 < n && text.charAt(i + 1) >= '0' && text.charAt(i + 1) <= '9')) {
                        i++;
                    } else {
                        break;
                    }
                }
                kind = NUMBER;
                h = XX3.hashChars(text, s, i - s);
            } else {
                int len = opLength(text, i);
                kind = OP;
                h = XX3.hashChars(text, i, len);
                i += len;
            }
            if (count == kinds.length) {
                kinds = Arrays.copyOf(kinds, count * 2);
                hashes = Arrays.copyOf(hashes, count * 2);
            }
            kinds[count] = kind;
            hashes[count++] = h;
        }
        return new Lexed(kinds, hashes, count);
    }

    private static int lineEnd(String text, int i) {
        int e = text.indexOf('\n', i);
        return e < 0 ? text.length() : e;
    }

    /** Python: the index of the quote after a 1-2 letter string prefix at {@code i}, else {@code i}. */
    private static int stringStart(String text, int i) {
        int n = text.length();
        int j = i;
        while (j < n && j - i < 2 && "rRbBuUfF".indexOf(text.charAt(j)) >= 0) {
            j++;
        }
        if (j > i && j < n && (text.charAt(j) == '"' || text.charAt(j) == '\'')
                && (i == 0 || !Character.isJavaIdentifierPart(text.charAt(i - 1)))) {
            return j;
        }
        return i;
    }

    private static boolean closesOnLine(String text, int q) {
        for (int e = q + 1; e < text.length(); e++) {
            char d = text.charAt(e);
            if (d == '\n') {
                return false;
            }
            if (d == '\\') {
                e++;
            } else if (d == '\'') {
                return true;
            }
        }
        return false;
    }

    private static int opLength(String text, int i) {
        char c = text.charAt(i);
        if ("=!<>+-*/%&|^:.".indexOf(c) < 0 || i + 1 >= text.length()) {
            return Character.charCount(text.codePointAt(i));   // no multi-character operator starts here
        }
        for (String op : OPS3) {
            if (text.startsWith(op, i)) {
                return 3;
            }
        }
        for (String op : OPS2) {
            if (text.startsWith(op, i)) {
                return 2;
            }
        }
        return 1;
    }

    /** The XXH3 hash a word or operator token of {@code s} gets. */
    public static long hash(String s) {
        return XX3.hashChars(s);
    }
}
