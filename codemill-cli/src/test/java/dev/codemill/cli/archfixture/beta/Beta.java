package dev.codemill.cli.archfixture.beta;

/** Fixture of {@code ModuleRulesTest}: a family that imports only the analysis layer (allowed). */
public final class Beta {
    public int size() {
        return dev.codemill.cli.archfixture.analysis.Shared.ONE + 1;
    }
}
