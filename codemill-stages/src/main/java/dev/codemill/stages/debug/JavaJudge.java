package dev.codemill.stages.debug;

import com.sun.source.util.JavacTask;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Judges Java mutants with the JDK's own compiler in-process ({@code javax.tools}): one
 * {@link JavaCompiler} for the JVM, one file manager per thread, sources held in memory, and
 * {@link JavacTask#analyze()} (parse, attribute, flow; no class files), so no process starts per
 * file. The messages are javac's English ones ({@link Locale#ROOT}), the text that
 * {@code javac -J-Duser.language=en} prints after {@code FILE:LINE: error: } with the detail lines
 * (source line and caret left out). Compiling never runs the code.
 */
public final class JavaJudge {
    private static final JavaCompiler COMPILER = ToolProvider.getSystemJavaCompiler();
    private static final ThreadLocal<StandardJavaFileManager> FILES = ThreadLocal.withInitial(
            () -> COMPILER.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8));
    private static final Pattern PUBLIC_TYPE = Pattern.compile(
            "(?m)^\\s*public\\s+(?:(?:final|abstract|sealed|non-sealed|strictfp)\\s+)*(?:class|interface|enum|record|@interface)\\s+(\\w+)");
    private static final List<String> OPTIONS = List.of("-proc:none", "-implicit:none", "-Xlint:none", "-nowarn",
            "-Xmaxerrs", "10");

    /** The compiler's version, {@code Runtime.version()} of this JVM (the same as {@code javac -version} of its JDK). */
    public static String version() {
        return Runtime.version().toString().replaceFirst("\\+.*", "");
    }

    public static boolean available() {
        return COMPILER != null;
    }

    /**
     * The name a file must have for javac: the public top-level type's name plus {@code .java},
     * else {@code fallback} when it is a {@code .java} name, else {@code Main.java}.
     */
    public static String fileName(String source, String fallback) {
        Matcher m = PUBLIC_TYPE.matcher(source);
        if (m.find()) {
            return m.group(1) + ".java";
        }
        return fallback != null && fallback.endsWith(".java") ? fallback : "Main.java";
    }

    /** The errors javac reports for one source file compiled alone against the JDK. */
    public List<Diagnostic<? extends JavaFileObject>> errors(String fileName, String source) {
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///" + fileName), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        JavacTask task = (JavacTask) COMPILER.getTask(null, FILES.get(), diagnostics, OPTIONS, null, List.of(file));
        try {
            task.analyze();
        } catch (IOException | RuntimeException e) {
            // javac reports through the collector; an internal failure leaves the list as it is
        }
        List<Diagnostic<? extends JavaFileObject>> out = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() == Diagnostic.Kind.ERROR) {
                out.add(d);
            }
        }
        return out;
    }

    /** The first compile error of a mutant, or null when it compiles. */
    public Judgement judge(String fileName, String source) {
        List<Diagnostic<? extends JavaFileObject>> errors = errors(fileName, source);
        if (errors.isEmpty()) {
            return null;
        }
        Diagnostic<? extends JavaFileObject> d = errors.get(0);
        String message = d.getMessage(Locale.ROOT);
        if (message == null || message.isBlank()) {
            return null;
        }
        return new Judgement(Judgement.COMPILE, message, fileName, (int) Math.max(0, d.getLineNumber()), "javac", version());
    }
}
