package dev.codemill.cli;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The import rule no POM can state: stage families ({@code dev.codemill.stages.X}, one package
 * tree per family) import the shared analysis layer ({@code dev.codemill.stages.analysis}) and
 * core, never each other; the analysis layer imports no family.
 *
 * <p>The module rules of DESIGN.md's table (core imports no stages/io/cli, stages no io/cli, io no
 * stages/cli) are not tested here: each module's POM lacks those dependencies, so such an import
 * does not compile and a test of it could never fail.
 */
class ModuleRulesTest {
    /**
     * Every top package under {@code root} is a slice; no slice may depend on another, except on
     * {@code root.analysis}, which itself depends on none.
     */
    static ArchRule familiesImportOnlyTheAnalysisLayer(String root) {
        return slices().matching(root + ".(*)..").namingSlices("family $1")
                .should().notDependOnEachOther()
                .ignoreDependency(not(resideInAPackage(root + ".analysis..")), resideInAPackage(root + ".analysis.."))
                .because("stage families share code through the analysis layer, never each other's packages");
    }

    @Test
    void stageFamiliesImportOnlyTheAnalysisLayer() {
        JavaClasses stages = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.codemill.stages");
        familiesImportOnlyTheAnalysisLayer("dev.codemill.stages").check(stages);
    }

    /** The rule fails on a deliberate violation: family {@code alpha} imports family {@code beta}. */
    @Test
    void theRuleFailsWhenOneFamilyImportsAnother() {
        JavaClasses fixture = new ClassFileImporter().importClasses(
                dev.codemill.cli.archfixture.alpha.UsesBeta.class, dev.codemill.cli.archfixture.beta.Beta.class);
        assertThatThrownBy(() -> familiesImportOnlyTheAnalysisLayer("dev.codemill.cli.archfixture").check(fixture))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("family alpha").hasMessageContaining("family beta");
    }

    /** … and when the analysis layer imports a family, while a family importing analysis is fine. */
    @Test
    void theRuleFailsWhenAnalysisImportsAFamily() {
        JavaClasses ok = new ClassFileImporter().importClasses(dev.codemill.cli.archfixture.beta.Beta.class,
                dev.codemill.cli.archfixture.analysis.Shared.class);
        familiesImportOnlyTheAnalysisLayer("dev.codemill.cli.archfixture").check(ok);
        JavaClasses bad = new ClassFileImporter().importClasses(dev.codemill.cli.archfixture.analysis.UsesAlpha.class,
                dev.codemill.cli.archfixture.alpha.UsesBeta.class);
        assertThatThrownBy(() -> familiesImportOnlyTheAnalysisLayer("dev.codemill.cli.archfixture").check(bad))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("family analysis").hasMessageContaining("family alpha");
    }
}
