package dev.codemill.stages.debug;

import com.sun.source.util.JavacTask;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Judges Java mutants with the JDK's own compiler in-process ({@code javax.tools}): one
 * {@link JavaCompiler} for the JVM, one file manager per thread, sources held in memory, and
 * {@link JavacTask#analyze()} (parse, attribute, flow; no class files), so no process starts per
 * file. javac prints its report (English) to a buffer exactly as on the command line
 * ({@link #command}); the first error is read from it by {@link ErrorText#javacError}: the text
 * after {@code FILE:LINE: error: } and its detail lines (source line and caret left out).
 * Compiling never runs the code.
 */
public final class JavaJudge {
    private static final JavaCompiler COMPILER = ToolProvider.getSystemJavaCompiler();
    private static final ThreadLocal<StandardJavaFileManager> FILES = ThreadLocal.withInitial(
            () -> COMPILER.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8));
    private static final Pattern PUBLIC_TYPE = Pattern.compile(
            "(?m)^\\s*public\\s+(?:(?:final|abstract|sealed|non-sealed|strictfp)\\s+)*(?:class|interface|enum|record|@interface)\\s+(\\w+)");
    private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([\\w.\\s]+?)\\s*;");
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

    /**
     * The module of the JDK that owns the file's package ({@code java.base} for {@code java.util}),
     * or null: such a file compiles only as a patch of its module.
     */
    static String systemModule(String source) {
        Matcher m = PACKAGE.matcher(source);
        if (!m.find()) {
            return null;
        }
        String pkg = m.group(1).replaceAll("\\s+", "");
        for (Module mod : ModuleLayer.boot().modules()) {
            if (mod.getPackages().contains(pkg)) {
                return mod.getName();
            }
        }
        return null;
    }

    /** Where javac expects the file: {@code PACKAGE/DIRS/NAME.java} for a JDK module's package, else {@code fileName}. */
    public static String relativePath(String source, String fileName) {
        Matcher m = PACKAGE.matcher(source);
        if (systemModule(source) == null || !m.find()) {
            return fileName;
        }
        return m.group(1).replaceAll("\\s+", "").replace('.', '/') + "/" + fileName;
    }

    /**
     * What javac prints (English) for one source file compiled alone against the JDK (as a patch of
     * its JDK module when it is in one): the same text as the command line's, errors and warnings.
     *
     * @throws IllegalStateException when javac itself failed (never read as "no error")
     */
    public String printed(String fileName, String source) {
        String module = systemModule(source);
        java.io.StringWriter printed = new java.io.StringWriter();
        Path dir = null;
        StandardJavaFileManager fresh = null;
        try {
            Iterable<? extends JavaFileObject> files;
            List<String> options = new ArrayList<>(OPTIONS);
            if (module == null) {
                files = List.of(new SimpleJavaFileObject(URI.create("string:///" + fileName), JavaFileObject.Kind.SOURCE) {
                    @Override
                    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                        return source;
                    }
                });
            } else {
                dir = Files.createTempDirectory("codemill-javac-");
                Path file = dir.resolve(relativePath(source, fileName));
                Files.createDirectories(file.getParent());
                Files.writeString(file, source, StandardCharsets.UTF_8);
                options.add("--patch-module");
                options.add(module + "=" + dir);
                // a file manager keeps --patch-module once given: a fresh one per patched file
                fresh = COMPILER.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8);
                files = fresh.getJavaFileObjects(file);
            }
            JavacTask task = (JavacTask) COMPILER.getTask(printed, fresh != null ? fresh : FILES.get(), null, options, null, files);
            task.setLocale(Locale.ENGLISH);
            task.analyze();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("javac did not run: " + e, e);
        } finally {
            if (fresh != null) {
                try {
                    fresh.close();
                } catch (IOException e) {
                    // nothing held but the closed compile's files
                }
            }
            delete(dir);
        }
        return printed.toString();
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (java.util.stream.Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a temporary folder left behind holds only the file compiled
        }
    }

    /** The command line that prints the same errors, run in a folder holding the file at {@link #relativePath}. */
    public static String command(String source, String fileName) {
        String module = systemModule(source);
        return "javac -J-Duser.language=en " + String.join(" ", OPTIONS) + " -d out"
                + (module == null ? "" : " --patch-module " + module + "=.") + " " + relativePath(source, fileName);
    }

    /** The first compile error of a mutant, or null when it compiles. */
    public Judgement judge(String fileName, String source) {
        ErrorText.Found f = ErrorText.javacError(printed(fileName, source));
        if (f == null) {
            return null;
        }
        return new Judgement(Judgement.COMPILE, f.message(), relativePath(source, fileName), f.line(),
                "javac", version(), command(source, fileName));
    }
}
