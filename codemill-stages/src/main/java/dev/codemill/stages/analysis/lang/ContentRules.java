package dev.codemill.stages.analysis.lang;

import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Content rules that pick one language for an extension several languages share (the list
 * lives in {@code ambiguous.tsv}). Rules read only the text, never the file name, so a file
 * renamed keeps its verdict (case C05), and only its first {@link #PREFIX_CHARS} chars.
 *
 * <p>Rule order and markers follow linguist's {@code heuristics.yml} where it has one, with
 * these changes, each from a reported failure:
 * <ul>
 *   <li>{@code .h}: Objective-C markers, then C++ markers, else C (linguist's order). Markers are
 *       searched in code with comments and string literals blanked (a Doxygen {@code @class} or
 *       {@code "std::"} in a string is no marker), and C++ markers inside
 *       {@code #ifdef __cplusplus} blocks are ignored: an {@code extern "C"} guard means a C header
 *       that C++ can use (C05, linguist #4060, #1059). {@code #include <name>} without a dot is a C++
 *       marker (C headers always have {@code .h}).</li>
 *   <li>{@code .ts}: XML only when the file <em>starts</em> (after BOM and whitespace) with
 *       {@code <?xml}, {@code <!DOCTYPE TS} or {@code <TS}; an XML string deeper in TypeScript
 *       does not count (C07, linguist #1478). Sub-type {@value #QT_SUBTYPE} when a {@code TS}
 *       root or doctype is present.</li>
 *   <li>{@code .m}: Objective-C markers, then MATLAB markers; with neither, MATLAB (every
 *       Objective-C implementation file imports a header or has {@code @implementation}).</li>
 *   <li>{@code .pl}: Perl markers ({@code use strict}, {@code my $x}, {@code sub f {}}…), then Prolog
 *       ({@code :-}), else Perl.</li>
 *   <li>{@code .inc}: PHP, C++ (preprocessor lines), Pascal, assembly, SQL; none → unknown.</li>
 *   <li>{@code .v}: Coq ({@code Proof.}, {@code Qed.}, {@code Require Import}, {@code Theorem}), then
 *       Verilog, else Verilog.</li>
 *   <li>{@code .cls}: VBA ({@code VERSION 1.0 CLASS}), TeX ({@code \ProvidesClass}…), Apex
 *       ({@code public with sharing class}, {@code @isTest}), else TeX.</li>
 *   <li>{@code .md}: GCC machine description when the first non-blank line starts with {@code ;;}
 *       or {@code (define_} and a {@code (define_…} form follows, else Markdown.</li>
 * </ul>
 * Evidence names are {@code content:EXT_LANG} for a matched marker and {@code content:EXT_default}
 * for the fallback, e.g. {@code content:h_cpp}, {@code content:ts_qt_xml}, {@code content:h_default}.
 */
public final class ContentRules {
    private ContentRules() {
    }

    /** Chars of text the rules look at: 64 KiB (enough for every marker in practice, bounded cost). */
    public static final int PREFIX_CHARS = 64 * 1024;

    /** Sub-type set for a Qt Linguist translation source ({@code .ts} XML). */
    public static final String QT_SUBTYPE = "Qt translation source";

    /**
     * The extensions that have rules here, each with the languages its rules judge. When these rules
     * only fall back to a default (or find nothing), the data rules of {@link HeuristicRules} may still
     * name one of the extension's <em>other</em> candidates (a Mercury {@code .m}, a Raku {@code .pl}).
     */
    public static final Map<String, Set<String>> JUDGED = Map.of(
            ".h", Set.of("Objective-C", "C++", "C"),
            ".m", Set.of("Objective-C", "MATLAB"),
            ".pl", Set.of("Perl", "Prolog"),
            ".ts", Set.of("XML", "TypeScript"),
            ".inc", Set.of("PHP", "C++", "Pascal", "Assembly", "SQL"),
            ".v", Set.of("Coq", "Verilog"),
            ".cls", Set.of("VBA", "TeX", "Apex"),
            ".md", Set.of("GCC Machine Description", "Markdown"));

    /** The extensions that have rules here. */
    public static final Set<String> EXTENSIONS = JUDGED.keySet();

    /**
     * A rule's answer.
     *
     * @param language linguist name, or null when no rule matched and there is no fallback
     * @param rule     rule name for the evidence ({@code h_cpp}); evidence is {@code content:} + rule
     * @param subtype  finer kind or null
     */
    public record Guess(String language, String rule, String subtype) {
    }

    private static final int M = Pattern.MULTILINE;

    // ---- C family (.h, .m)
    // Line-anchored alternatives share one leading "^[ \t]*" so find() rejects a non-line-start
    // position at once; the few unanchored markers are found with indexOf first (C headers, the
    // common case, are scanned to the end of the prefix without a match).
    private static final Pattern OBJC_LINE = Pattern.compile(
            "^[ \\t]*(?:@(?:interface|implementation|protocol|end|property|synthesize|dynamic|class|selector|optional|required)\\b"
                    + "|#[ \\t]*import[ \\t]*[<\"][^>\"\\n]+\\.h[>\"]"
                    + "|[-+][ \\t]*\\([ \\t]*\\w+[^)\\n]*\\)[ \\t]*\\w+[ \\t]*[:;{])", M);
    private static final Pattern OBJC_NS = Pattern.compile(
            "\\bNS_(?:ASSUME_NONNULL_BEGIN|ENUM|OPTIONS|DESIGNATED_INITIALIZER|SWIFT_NAME|UNAVAILABLE)\\b");
    private static final Pattern CPP_LINE = Pattern.compile(
            "^[ \\t]*(?:#[ \\t]*include[ \\t]*<[A-Za-z_][A-Za-z0-9_/]*>"
                    + "|template[ \\t]*<"
                    + "|(?:class|struct)[ \\t]+\\w+[^;{()\\n]*:[ \\t]*(?:public|private|protected|virtual)\\b"
                    + "|class[ \\t]+(?:\\w+[ \\t]+)?[A-Za-z_]\\w*[ \\t]*(?:final[ \\t]*)?(?:\\{|:|;|$)"
                    + "|(?:using[ \\t]+)?namespace(?:[ \\t]+\\w+(?:::\\w+)*)?[ \\t]*(?:\\{|=|;|$)"
                    + "|(?:public|private|protected)[ \\t]*:"
                    + "|virtual[ \\t]"
                    + "|try[ \\t]*\\{|catch[ \\t]*\\()", M);
    private static final Pattern CPP_WORDS = Pattern.compile(
            "\\bstd::\\w|\\b(?:noexcept|static_cast|dynamic_cast|reinterpret_cast|const_cast)\\b"
                    + "|\\boperator[ \\t]*(?:\\(\\)|\\[\\]|[-+*/%^&|~!=<>]+)[ \\t]*\\(");
    private static final String[] CPP_WORD_HINTS = {"std::", "noexcept", "_cast", "operator"};

    private static final Pattern CPLUSPLUS_IF = Pattern.compile(
            "^[ \\t]*#[ \\t]*(?:ifdef[ \\t]+__cplusplus\\b|if[ \\t]+(?:defined[ \\t]*\\(?[ \\t]*)?__cplusplus\\b)");
    private static final Pattern PP_IF = Pattern.compile("^[ \\t]*#[ \\t]*if(?:n?def)?\\b");
    private static final Pattern PP_ELSE = Pattern.compile("^[ \\t]*#[ \\t]*(?:else|elif)\\b");
    private static final Pattern PP_ENDIF = Pattern.compile("^[ \\t]*#[ \\t]*endif\\b");
    private static final Pattern MATLAB = Pattern.compile(
            "^[ \\t]*%|^[ \\t]*function\\b[^\\n{]*$|^[ \\t]*end[ \\t]*;?[ \\t]*$"
                    + "|^[ \\t]*(?:disp|fprintf|plot|figure|zeros|ones|clc|clear|close all)\\b", M);

    private static final Pattern C_DIRECTIVE = Pattern.compile("^[ \\t]*#[ \\t]*(?:import|include)\\b", M);

    // ---- .ts
    private static final Pattern TS_XML_START = Pattern.compile("\\A\\uFEFF?\\s*<(?:\\?xml\\b|!DOCTYPE[ \\t]+TS\\b|TS\\b)");
    private static final Pattern TS_QT_ROOT = Pattern.compile("<!DOCTYPE[ \\t]+TS\\b|<TS[\\s>]");

    // ---- .pl
    private static final Pattern PERL = Pattern.compile(
            "\\buse[ \\t]+(?:strict|warnings|v?5)\\b|^[ \\t]*use[ \\t]+(?:constant|overload|vars|lib|parent|base)\\b"
                    + "|^[ \\t]*(?:my|our|local)[ \\t]*[$@%(]|^[ \\t]*sub[ \\t]+\\w+[ \\t]*\\{?"
                    + "|^[ \\t]*package[ \\t]+\\w+(?:::\\w+)*[ \\t]*[;{]|^[ \\t]*print[ \\t]+(?:STDERR|STDOUT|\")|^=(?:pod|head1|cut)\\b", M);
    private static final Pattern PROLOG = Pattern.compile("^[^#\\n]*:-|^[a-z]\\w*(?:\\([^)\\n]*\\))?[ \\t]*\\.[ \\t]*$", M);

    // ---- .inc
    private static final Pattern INC_PHP = Pattern.compile("^[ \\t]*<\\?(?:php\\b|=|\\s)", M);
    private static final Pattern INC_CPP = Pattern.compile(
            "^[ \\t]*#[ \\t]*(?:include[ \\t]*[<\"]|define[ \\t]+\\w|undef[ \\t]+\\w|ifn?def[ \\t]+\\w+[ \\t]*$"
                    + "|if[ \\t]+(?:defined\\b|!|\\d|\\w+[ \\t]*(?:[<>]=?|[=!]=))|pragma[ \\t]+\\w|endif\\b[ \\t]*(?:/[/*].*)?$)", M);
    private static final Pattern INC_PASCAL = Pattern.compile(
            "(?i)^[ \\t]*\\{\\$(?:mode|ifdef|ifndef|undef|define|i|include|else|endif)\\b|^[ \\t]*end[.;][ \\t]*$"
                    + "|^[ \\t]*(?:procedure|function)[ \\t]+\\w+[^\\n]*;[ \\t]*$|^[ \\t]*(?:const|var|type|uses)[ \\t]*$", M);
    private static final Pattern INC_ASM = Pattern.compile(
            "(?i)^[^\"m\\n]*\\bmov[ \\t]+[^\\s]+,|^[ \\t]+d[bwdq][ \\t]+[$0-9a-z'\"]|^[ \\t]*%(?:macro|define|ifdef|include|endmacro)\\b"
                    + "|^\\w+[ \\t]+equ[ \\t]|^[ \\t]*(?:section|segment)[ \\t]+\\.?\\w", M);
    private static final Pattern INC_SQL = Pattern.compile(
            "(?i)^[ \\t]*(?:create|insert[ \\t]+into|select|update|delete[ \\t]+from|drop|alter)[ \\t]+\\w", M);

    // ---- .v
    private static final Pattern COQ = Pattern.compile(
            "(?:^|\\s)(?:Proof|Qed|Defined|Admitted)\\.(?:$|\\s)|^[ \\t]*(?:From[ \\t]+\\w+[ \\t]+)?Require[ \\t]+(?:Import|Export)\\s"
                    + "|^[ \\t]*(?:Theorem|Lemma|Inductive|Fixpoint|CoInductive|Definition)[ \\t]+\\w+[^\\n]*(?::=|:)", M);
    private static final Pattern VERILOG = Pattern.compile(
            "^[ \\t]*module[ \\t]+\\w+|^[ \\t]*endmodule\\b|^[ \\t]*`(?:define|ifdef|ifndef|include|timescale)\\b"
                    + "|^[ \\t]*always[ \\t]*@|^[ \\t]*(?:input|output|inout)[ \\t]+(?:wire|reg|\\[|\\w)", M);

    // ---- .cls
    private static final Pattern VB_CLASS = Pattern.compile("^[ \\t]*VERSION[ \\t]+\\d\\.\\d[ \\t]+CLASS\\b|^[ \\t]*Attribute[ \\t]+VB_Name[ \\t]*=", M);
    private static final Pattern TEX_CLASS = Pattern.compile(
            "^[ \\t]*\\\\(?:NeedsTeXFormat|ProvidesClass|LoadClass|DeclareOption|ProcessOptions|documentclass)\\b", M);
    private static final Pattern APEX = Pattern.compile(
            "(?i)^[ \\t]*@isTest\\b|^[ \\t]*(?:(?:public|private|global|protected|virtual|abstract|with|without|inherited|sharing)[ \\t]+)+class[ \\t]+\\w+", M);

    // ---- .md
    private static final Pattern GCC_MD_FORM = Pattern.compile("^\\(define_\\w+", M);

    /** Rules for one ambiguous extension (lower-case, with dot); null when there are none. */
    public static Guess decide(String extension, String text) {
        String head = prefix(text);
        return switch (extension) {
            case ".h" -> header(head);
            case ".m" -> dotM(head);
            case ".ts" -> dotTs(head);
            case ".pl" -> dotPl(head);
            case ".inc" -> dotInc(head);
            case ".v" -> dotV(head);
            case ".cls" -> dotCls(head);
            case ".md" -> dotMd(head);
            default -> null;
        };
    }

    public static String prefix(String text) {
        return text.length() > PREFIX_CHARS ? text.substring(0, PREFIX_CHARS) : text;
    }

    private static Guess header(String head) {
        String code = blankCommentsAndStrings(head);
        if (isObjc(code)) {
            return new Guess("Objective-C", "h_objc", null);
        }
        if (isCpp(blankCplusplusBlocks(code))) {
            return new Guess("C++", "h_cpp", null);
        }
        return new Guess("C", "h_default", null);
    }

    private static boolean isObjc(String code) {
        return OBJC_LINE.matcher(code).find() || (code.contains("NS_") && OBJC_NS.matcher(code).find());
    }

    private static boolean isCpp(String code) {
        if (CPP_LINE.matcher(code).find()) {
            return true;
        }
        for (String hint : CPP_WORD_HINTS) {
            if (code.contains(hint)) {
                return CPP_WORDS.matcher(code).find();
            }
        }
        return false;
    }

    private static Guess dotM(String head) {
        String code = blankCommentsAndStrings(head);
        if (isObjc(code) || C_DIRECTIVE.matcher(code).find()) {
            return new Guess("Objective-C", "m_objc", null);
        }
        if (MATLAB.matcher(head).find()) {
            return new Guess("MATLAB", "m_matlab", null);
        }
        return new Guess("MATLAB", "m_default", null);
    }

    private static Guess dotTs(String head) {
        if (TS_XML_START.matcher(head).lookingAt()) {
            boolean qt = TS_QT_ROOT.matcher(head).find();
            return new Guess("XML", qt ? "ts_qt_xml" : "ts_xml", qt ? QT_SUBTYPE : null);
        }
        return new Guess("TypeScript", "ts_default", null);
    }

    private static Guess dotPl(String head) {
        if (PERL.matcher(head).find()) {
            return new Guess("Perl", "pl_perl", null);
        }
        if (PROLOG.matcher(head).find()) {
            return new Guess("Prolog", "pl_prolog", null);
        }
        return new Guess("Perl", "pl_default", null);
    }

    private static Guess dotInc(String head) {
        if (INC_PHP.matcher(head).find()) {
            return new Guess("PHP", "inc_php", null);
        }
        if (INC_CPP.matcher(head).find()) {
            return new Guess("C++", "inc_cpp", null);
        }
        if (INC_PASCAL.matcher(head).find()) {
            return new Guess("Pascal", "inc_pascal", null);
        }
        if (INC_ASM.matcher(head).find()) {
            return new Guess("Assembly", "inc_asm", null);
        }
        if (INC_SQL.matcher(head).find()) {
            return new Guess("SQL", "inc_sql", null);
        }
        return new Guess(null, "inc_none", null);
    }

    private static Guess dotV(String head) {
        if (COQ.matcher(head).find()) {
            return new Guess("Coq", "v_coq", null);
        }
        if (VERILOG.matcher(head).find()) {
            return new Guess("Verilog", "v_verilog", null);
        }
        return new Guess("Verilog", "v_default", null);
    }

    private static Guess dotCls(String head) {
        if (VB_CLASS.matcher(head).find()) {
            return new Guess("VBA", "cls_vba", null);
        }
        if (TEX_CLASS.matcher(head).find()) {
            return new Guess("TeX", "cls_tex", null);
        }
        if (APEX.matcher(head).find()) {
            return new Guess("Apex", "cls_apex", null);
        }
        return new Guess("TeX", "cls_default", null);
    }

    private static Guess dotMd(String head) {
        String first = firstNonBlankLine(head);
        if ((first.startsWith(";;") || first.startsWith("(define_")) && GCC_MD_FORM.matcher(head).find()) {
            return new Guess("GCC Machine Description", "md_gcc", null);
        }
        return new Guess("Markdown", "md_default", null);
    }

    private static String firstNonBlankLine(String text) {
        int pos = 0;
        int n = text.length();
        if (n > 0 && text.charAt(0) == '\uFEFF') {
            pos = 1;
        }
        while (pos < n) {
            int end = text.indexOf('\n', pos);
            if (end < 0) {
                end = n;
            }
            String line = text.substring(pos, end).strip();
            if (!line.isEmpty()) {
                return line;
            }
            pos = end + 1;
        }
        return "";
    }

    /**
     * C-family text with {@code //} and {@code /* *&#47;} comments and string/char literals replaced by
     * spaces (newlines kept, so {@code ^} anchors still work). Preprocessor lines keep their
     * strings ({@code #import "x.h"} is a marker). Linear in the length.
     */
    static String blankCommentsAndStrings(String s) {
        int n = s.length();
        char[] out = s.toCharArray();
        boolean lineStart = true;      // only whitespace since the last newline
        boolean directive = false;     // inside a preprocessor line
        int i = 0;
        while (i < n) {
            char c = out[i];
            if (c == '\n') {
                // a backslash-continued directive goes on
                directive = directive && i > 0 && s.charAt(i - 1) == '\\';
                lineStart = true;
                i++;
                continue;
            }
            if (c == '/' && i + 1 < n && s.charAt(i + 1) == '/') {
                while (i < n && s.charAt(i) != '\n') {
                    out[i++] = ' ';
                }
                continue;
            }
            if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
                out[i++] = ' ';
                out[i++] = ' ';
                while (i < n && !(s.charAt(i) == '*' && i + 1 < n && s.charAt(i + 1) == '/')) {
                    if (out[i] != '\n') {
                        out[i] = ' ';
                    }
                    i++;
                }
                if (i < n) {
                    out[i++] = ' ';
                    out[i++] = ' ';
                }
                continue;
            }
            if (c == '#' && lineStart) {
                directive = true;
            }
            if (!directive && (c == '"' || c == '\'')) {
                int close = literalEnd(s, i, c);
                if (close > 0) {
                    for (int k = i + 1; k < close; k++) {
                        out[k] = ' ';
                    }
                    i = close + 1;
                    lineStart = false;
                    continue;
                }
            }
            if (c != ' ' && c != '\t' && c != '\r') {
                lineStart = false;
            }
            i++;
        }
        return new String(out);
    }

    /** Index of the closing quote of a literal opened at {@code open}, or -1 (not a literal: C++14 digit separator, apostrophe). */
    private static int literalEnd(String s, int open, char quote) {
        int limit = quote == '\'' ? Math.min(s.length(), open + 12) : s.length();
        for (int k = open + 1; k < limit; k++) {
            char ch = s.charAt(k);
            if (ch == '\\') {
                k++;
            } else if (ch == quote) {
                return k;
            } else if (ch == '\n') {
                return -1;
            }
        }
        return -1;
    }

    /**
     * Blanks the lines inside {@code #ifdef __cplusplus} / {@code #if defined(__cplusplus)} blocks up to
     * their {@code #else}, {@code #elif} or {@code #endif} (nesting counted): such code is what a C
     * header offers C++ callers, not evidence that the header is C++.
     */
    static String blankCplusplusBlocks(String code) {
        if (code.indexOf("__cplusplus") < 0) {
            return code;
        }
        StringBuilder out = new StringBuilder(code.length());
        int depth = 0;          // #if nesting inside the current __cplusplus block, 0 = outside
        int pos = 0;
        int n = code.length();
        while (pos < n) {
            int end = code.indexOf('\n', pos);
            if (end < 0) {
                end = n;
            }
            String line = code.substring(pos, end);
            boolean blank = depth > 0;
            if (depth == 0) {
                if (CPLUSPLUS_IF.matcher(line).lookingAt()) {
                    depth = 1;
                }
            } else if (PP_IF.matcher(line).lookingAt()) {
                depth++;
            } else if (PP_ENDIF.matcher(line).lookingAt()) {
                depth--;
                blank = false;
            } else if (depth == 1 && PP_ELSE.matcher(line).lookingAt()) {
                depth = 0;
                blank = false;
            }
            if (blank) {
                out.append(" ".repeat(line.length()));
            } else {
                out.append(line);
            }
            if (end < n) {
                out.append('\n');
            }
            pos = end + 1;
        }
        return out.toString();
    }

    /** Rule names per extension, for {@code explain} and docs. */
    static final Map<String, String> SUMMARY = Map.of(
            ".h", "Objective-C markers > C++ markers > C",
            ".m", "Objective-C markers > MATLAB markers > MATLAB",
            ".ts", "starts with <?xml / <!DOCTYPE TS / <TS > XML, else TypeScript",
            ".pl", "Perl markers > Prolog ':-' > Perl",
            ".inc", "PHP > C++ preprocessor > Pascal > assembly > SQL > unknown",
            ".v", "Coq markers > Verilog markers > Verilog",
            ".cls", "VBA header > TeX class commands > Apex class > TeX",
            ".md", "';;' or '(define_' start with (define_ forms > GCC Machine Description, else Markdown");
}
