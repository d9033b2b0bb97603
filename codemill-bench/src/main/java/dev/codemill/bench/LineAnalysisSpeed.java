package dev.codemill.bench;

import dev.codemill.stages.analysis.lex.LineCounts;
import dev.codemill.stages.analysis.lex.LineLexer;
import dev.codemill.stages.analysis.text.LineStats;
import dev.codemill.stages.analysis.text.TextShape;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One-core speed of the line-analysis passes ({@link LineStats}, {@link TextShape},
 * {@link LineLexer}) on real files.
 *
 * <pre>java -cp CLASSPATH dev.codemill.bench.LineAnalysisSpeed FOLDER [PASSES]</pre>
 *
 * Reads every regular file under FOLDER (sorted paths) as UTF-8, takes the language from the
 * extension ({@code .py} Python, {@code .java} Java, {@code .js/.mjs/.cjs} JavaScript,
 * {@code .c/.h} C, {@code .md} Markdown, {@code .json} JSON, else none: blank vs non-blank), and
 * times each pass over all documents in CPU time of this thread, PASSES times (default 3): pass 0
 * is what a run sees (the JIT still compiling), later passes the steady state. Prints MB (UTF-8)
 * per CPU-second per pass and a checksum of the figures, equal for two builds that agree.
 * Uses only the public API, so the same class runs against an older jar for a side-by-side.
 */
public final class LineAnalysisSpeed {
    private LineAnalysisSpeed() {
    }

    static String language(String path) {
        if (path.endsWith(".py")) {
            return "Python";
        }
        if (path.endsWith(".java")) {
            return "Java";
        }
        if (path.endsWith(".js") || path.endsWith(".mjs") || path.endsWith(".cjs")) {
            return "JavaScript";
        }
        if (path.endsWith(".c") || path.endsWith(".h")) {
            return "C";
        }
        if (path.endsWith(".md")) {
            return "Markdown";
        }
        return path.endsWith(".json") ? "JSON" : null;
    }

    public static void main(String[] args) throws IOException {
        List<Path> files = BenchFiles.under(Path.of(args[0]));
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        List<String> texts = new ArrayList<>(files.size());
        List<String> languages = new ArrayList<>(files.size());
        long bytes = 0;
        for (Path p : files) {
            byte[] b = Files.readAllBytes(p);
            bytes += b.length;
            texts.add(new String(b, StandardCharsets.UTF_8));
            languages.add(language(p.toString()));
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double mb = bytes / 1e6;
        for (int p = 0; p < passes; p++) {
            long sum = 0;
            long t0 = mx.getCurrentThreadCpuTime();
            for (String t : texts) {
                LineStats s = LineStats.of(t);
                sum += s.numLines() + s.maxLineLength() + s.alnum() + s.utf8Bytes();
            }
            long t1 = mx.getCurrentThreadCpuTime();
            for (String t : texts) {
                TextShape s = TextShape.measure(t);
                sum += s.maskedLineLength() + s.blobCodePoints() + s.nonBlankLines() + s.indentedLines() + s.longTokens()
                        + s.longIdentifierCodePoints() + s.shapeCodePoints();
            }
            long t2 = mx.getCurrentThreadCpuTime();
            for (int i = 0; i < texts.size(); i++) {
                LineCounts c = LineLexer.classify(texts.get(i), languages.get(i));
                sum += c.code() * 3 + c.comment() * 5 + c.blank() + c.commentChars() + c.docstringLines().length;
            }
            long t3 = mx.getCurrentThreadCpuTime();
            System.out.printf("pass %d: %d files %.1f MB | LineStats %.2f s %.0f MB/s | TextShape %.2f s %.0f MB/s"
                            + " | LineLexer %.2f s %.0f MB/s | all three %.2f s %.0f MB/s | checksum %d%n",
                    p, texts.size(), mb, (t1 - t0) / 1e9, mb / ((t1 - t0) / 1e9), (t2 - t1) / 1e9, mb / ((t2 - t1) / 1e9),
                    (t3 - t2) / 1e9, mb / ((t3 - t2) / 1e9), (t3 - t0) / 1e9, mb / ((t3 - t0) / 1e9), sum);
        }
    }
}
