package dev.codemill.stages.debug;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the error a tool printed: the message and the line it names in one file. The same rules
 * are what the outside check ({@code codemill-bench/debug-pairs-check.py}) applies to a fresh run.
 */
final class ErrorText {
    private static final Pattern PY_FRAME = Pattern.compile("^\\s*File \"([^\"]*)\", line (\\d+)");
    private static final Pattern PY_EXCEPTION = Pattern.compile("^[A-Za-z_][\\w.]*(Error|Exception|Exit|Interrupt|Warning|Iteration)\\b.*|^[A-Z]\\w*: .*");
    private static final Pattern NODE_HEADER = Pattern.compile("^(.*):(\\d+)$");
    private static final Pattern NODE_ERROR = Pattern.compile("^([A-Z]\\w*(Error|Exception)|Error)(: .*)?$");

    private static final Pattern JAVAC_HEADER = Pattern.compile("^(.*):(\\d+): error: (.*)$");
    private static final Pattern CARET = Pattern.compile("^\\s*\\^\\s*$");

    /** A message and the line it names (0 when none). */
    record Found(String message, int line) {
    }

    private ErrorText() {
    }

    /**
     * The last exception line of a Python traceback ({@code NameError: name 'x' is not defined})
     * and the line of the last frame in a file ending with {@code fileName}; null when there is no
     * traceback.
     */
    static Found pythonTraceback(String stderr, String fileName) {
        String[] lines = stderr.split("\n");
        int line = 0;
        String message = null;
        for (String l : lines) {
            Matcher f = PY_FRAME.matcher(l);
            if (f.find()) {
                if (f.group(1).endsWith(fileName)) {
                    line = Integer.parseInt(f.group(2));
                }
                continue;
            }
            if (!l.startsWith(" ") && PY_EXCEPTION.matcher(l).matches()) {
                message = l.stripTrailing();
            }
        }
        return message == null || message.isBlank() ? null : new Found(message, line);
    }

    /**
     * The first failure of a {@code python3 -m doctest FILE} report: the text from
     * {@code Failed example:} to the next row of stars (trailing blanks stripped), and the line of
     * its {@code File "…", line N} header; null when there is none.
     */
    static Found doctestFailure(String stdout) {
        String[] lines = stdout.split("\n");
        for (int i = 0; i + 1 < lines.length; i++) {
            Matcher f = PY_FRAME.matcher(lines[i]);
            if (f.find() && lines[i + 1].startsWith("Failed example:")) {
                StringBuilder b = new StringBuilder();
                for (int k = i + 1; k < lines.length && !lines[k].startsWith("*****"); k++) {
                    b.append(lines[k]).append('\n');
                }
                String m = b.toString().stripTrailing();
                return m.isBlank() ? null : new Found(m, Integer.parseInt(f.group(2)));
            }
        }
        return null;
    }

    private static final String UNITTEST_RULE1 = "=".repeat(70);
    private static final String UNITTEST_RULE2 = "-".repeat(70);

    /**
     * The first failure unittest's text runner printed ({@code python3 -m unittest …}, or a test
     * file run as a script ending in {@code unittest.main()}): the {@code FAIL: test (id)} /
     * {@code ERROR: …} header and the traceback under it (the dashed rule between them left out,
     * trailing blanks stripped), up to the next rule; the line is the last frame in a file ending
     * with {@code fileName} (0 when the traceback never enters it). Null when no failure was printed.
     */
    static Found unittestFailure(String stderr, String fileName) {
        String[] lines = stderr.split("\n");
        for (int i = 0; i + 2 < lines.length; i++) {
            String h = lines[i + 1];
            if (!lines[i].equals(UNITTEST_RULE1) || !lines[i + 2].equals(UNITTEST_RULE2)
                    || !(h.startsWith("FAIL: ") || h.startsWith("ERROR: ") || h.startsWith("UNEXPECTED SUCCESS: "))) {
                continue;
            }
            StringBuilder b = new StringBuilder(h);
            int line = 0;
            for (int k = i + 3; k < lines.length && !lines[k].equals(UNITTEST_RULE1) && !lines[k].equals(UNITTEST_RULE2); k++) {
                b.append('\n').append(lines[k]);
                Matcher f = PY_FRAME.matcher(lines[k]);
                if (f.find() && (f.group(1).equals(fileName) || f.group(1).endsWith("/" + fileName))) {
                    line = Integer.parseInt(f.group(2));
                }
            }
            return new Found(b.toString().stripTrailing(), line);
        }
        return null;
    }

    /**
     * The first error of a javac report: the text after {@code FILE:LINE: error: } plus its
     * indented detail lines ({@code   symbol: …}), the echoed source line and caret skipped; null
     * when javac printed no error.
     */
    static Found javacError(String printed) {
        String[] lines = printed.split("\r?\n");
        for (int i = 0; i < lines.length; i++) {
            Matcher h = JAVAC_HEADER.matcher(lines[i]);
            if (!h.matches()) {
                continue;
            }
            StringBuilder b = new StringBuilder(h.group(3));
            int k = i + 1;
            if (k + 1 < lines.length && CARET.matcher(lines[k + 1]).matches()) {
                k += 2;
            }
            for (; k < lines.length && (lines[k].startsWith(" ") || lines[k].startsWith("\t")); k++) {
                b.append('\n').append(lines[k]);
            }
            String m = b.toString().stripTrailing();
            return m.isBlank() ? null : new Found(m, Integer.parseInt(h.group(2)));
        }
        return null;
    }

    /**
     * Node's report of an uncaught error or a failed {@code --check}: the {@code PATH:LINE} header
     * naming a file that ends with {@code fileName}, and the first {@code XError: …} line after it.
     */
    static Found nodeError(String stderr, String fileName) {
        String[] lines = stderr.split("\n");
        int line = 0;
        for (String l : lines) {
            Matcher h = NODE_HEADER.matcher(l);
            if (line == 0 && h.matches() && h.group(1).endsWith(fileName)) {
                line = Integer.parseInt(h.group(2));
                continue;
            }
            if (NODE_ERROR.matcher(l).matches()) {
                return new Found(l.stripTrailing(), line);
            }
        }
        return null;
    }
}
