package dev.codemill.stages.debug;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** javac in-process on real snippets: the exact messages and lines javac prints. */
class JavaJudgeTest {
    private final JavaJudge judge = new JavaJudge();

    @Test
    void cleanFileHasNoError() {
        assertThat(judge.judge("Clamp.java", OperatorSitesTest.JAVA)).isNull();
    }

    @Test
    void misspeltVariableIsCannotFindSymbol() {
        String m = OperatorSitesTest.JAVA.replace("return count;", "return cuont;");
        Judgement j = judge.judge("Clamp.java", m);
        assertThat(j.message()).isEqualTo("cannot find symbol\n  symbol:   variable cuont\n  location: class Clamp");
        assertThat(j.line()).isEqualTo(12);
        assertThat(j.errorKind()).isEqualTo("compile");
        assertThat(j.tool()).isEqualTo("javac");
        assertThat(j.toolVersion()).isEqualTo(Runtime.version().toString().replaceFirst("\\+.*", ""));
    }

    @Test
    void removedReturnAndTypeError() {
        Judgement missing = judge.judge("Clamp.java", OperatorSitesTest.JAVA.replace("        return count;\n", ""));
        assertThat(missing.message()).isEqualTo("missing return statement");
        assertThat(missing.line()).isEqualTo(12);
        Judgement type = judge.judge("Clamp.java", OperatorSitesTest.JAVA.replace("int count = 10;", "int count = \"10\";"));
        assertThat(type.message()).isEqualTo("incompatible types: String cannot be converted to int");
        assertThat(type.line()).isEqualTo(8);
    }

    /** A file of a JDK module's package compiles as a patch of that module (as the JDK's own sources do). */
    @Test
    void jdkPackageFileCompilesAsAModulePatch() {
        String src = "package java.util;\n\nfinal class Tally {\n    static int twice(int n) {\n        int total = n * 2;\n        return total;\n    }\n}\n";
        assertThat(JavaJudge.systemModule(src)).isEqualTo("java.base");
        assertThat(judge.printed("Tally.java", src)).isEmpty();
        Judgement j = judge.judge("Tally.java", src.replace("return total;", "return ttoal;"));
        assertThat(j.message()).isEqualTo("cannot find symbol\n  symbol:   variable ttoal\n  location: class Tally");
        assertThat(j.line()).isEqualTo(6);
        assertThat(j.file()).isEqualTo("java/util/Tally.java");
        assertThat(j.command()).endsWith("-d out --patch-module java.base=. java/util/Tally.java");
    }

    @Test
    void fileNameFollowsThePublicType() {
        assertThat(JavaJudge.fileName("package a;\npublic final class Tree {}\n", "x.java")).isEqualTo("Tree.java");
        assertThat(JavaJudge.fileName("class Tree {}\n", "src/Other.java")).isEqualTo("src/Other.java");
        assertThat(JavaJudge.fileName("class Tree {}\n", "README")).isEqualTo("Main.java");
    }

    @Test
    void unifiedDiff() {
        assertThat(Diffs.unified("a.py", "a\nb\nc\nd\ne\n", "a\nb\nX\nd\ne\n", 1))
                .isEqualTo("--- a/a.py\n+++ b/a.py\n@@ -2,3 +2,3 @@\n b\n-c\n+X\n d\n");
        assertThat(Diffs.unified("a.py", "a\nb\n", "a\n", 2)).isEqualTo("--- a/a.py\n+++ b/a.py\n@@ -1,2 +1 @@\n a\n-b\n");
    }
}
