package dev.codemill.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The import rules of DESIGN.md's module table, checked on the compiled classes. */
class ModuleRulesTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.codemill");

    private static final String[] CORE = {"dev.codemill.model..", "dev.codemill.stage..", "dev.codemill.plan..",
        "dev.codemill.run..", "dev.codemill.metrics.."};

    @Test
    void coreImportsOnlyJdkAndJackson() {
        noClasses().that().resideInAnyPackage(CORE)
                .should().dependOnClassesThat().resideInAnyPackage("dev.codemill.stages..", "dev.codemill.io..",
                        "dev.codemill.cli..", "dev.codemill.report..", "org.apache.spark..", "org.apache.commons..",
                        "com.knuddels..")
                .check(CLASSES);
    }

    /** The report module reads a run's files through core's types only: a library user needs no stage, reader or runner. */
    @Test
    void reportDependsOnCoreOnly() {
        noClasses().that().resideInAPackage("dev.codemill.report..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.codemill.stages..", "dev.codemill.io..",
                        "dev.codemill.cli..", "dev.codemill.spark..", "org.apache.spark..", "picocli..")
                .check(CLASSES);
    }

    @Test
    void stagesNeverImportIoCliOrSpark() {
        noClasses().that().resideInAPackage("dev.codemill.stages..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.codemill.io..", "dev.codemill.cli..",
                        "dev.codemill.report..", "org.apache.spark..")
                .check(CLASSES);
    }

    @Test
    void ioNeverImportsStagesOrCli() {
        noClasses().that().resideInAPackage("dev.codemill.io..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.codemill.stages..", "dev.codemill.cli..",
                        "org.apache.spark..")
                .check(CLASSES);
    }
}
