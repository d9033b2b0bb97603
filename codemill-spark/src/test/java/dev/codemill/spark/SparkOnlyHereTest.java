package dev.codemill.spark;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Issue 6: no module but codemill-spark imports Spark (all codemill modules are on this class path). */
class SparkOnlyHereTest {
    @Test
    void onlyTheSparkPackageDependsOnSpark() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.codemill");
        noClasses().that().resideOutsideOfPackage("dev.codemill.spark..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.spark..", "scala..")
                .check(classes);
    }
}
