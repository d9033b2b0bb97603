package dev.codemill.run;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.Test;

/**
 * Issue 15: the runner classes depend on each other one way (docs/architecture.md, "Runners and
 * the write tail"). Every top-level class of {@code dev.codemill.run..} (nested, inner and
 * anonymous classes and lambdas count as their top-level class) is a slice of its own; a ring of
 * calls between any of them (LocalRunner → Distributed → LocalRunner, RunOutput → DatasetCard →
 * RunOutput, …) fails this test.
 */
class RunnerLayersTest {
    private static final JavaClasses RUN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.codemill.run");

    /** One slice per top-level class of dev.codemill.run.. (the rest of the code is ignored). */
    static final SliceAssignment PER_CLASS = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass c) {
            if (!c.getPackageName().equals("dev.codemill.run") && !c.getPackageName().startsWith("dev.codemill.run.")) {
                return SliceIdentifier.ignore();
            }
            String name = c.getName();
            int nested = name.indexOf('$');
            return SliceIdentifier.of(nested < 0 ? name : name.substring(0, nested));
        }

        @Override
        public String getDescription() {
            return "top-level classes of dev.codemill.run..";
        }
    };

    @Test
    void noRingAmongRunnerClasses() {
        slices().assignedFrom(PER_CLASS).should().beFreeOfCycles().check(RUN);
    }

    /** Small classes with one job: no source file of the engine ({@code dev.codemill.run..}) over 400 lines. */
    @Test
    void noEngineClassOver400Lines() throws java.io.IOException {
        java.nio.file.Path root = java.nio.file.Path.of("src", "main", "java", "dev", "codemill", "run");
        org.assertj.core.api.Assertions.assertThat(root).as("run from the codemill-core module folder").isDirectory();
        java.util.List<String> tooLong = new java.util.ArrayList<>();
        try (java.util.stream.Stream<java.nio.file.Path> walk = java.nio.file.Files.walk(root)) {
            for (java.nio.file.Path f : walk.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                long lines = java.nio.file.Files.readAllLines(f).size();
                if (lines > 400) {
                    tooLong.add(f.getFileName() + " (" + lines + " lines)");
                }
            }
        }
        org.assertj.core.api.Assertions.assertThat(tooLong).as("engine classes over 400 lines").isEmpty();
    }
}
