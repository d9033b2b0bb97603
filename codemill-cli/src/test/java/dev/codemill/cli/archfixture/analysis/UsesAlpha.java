package dev.codemill.cli.archfixture.analysis;

/** Fixture of {@code ModuleRulesTest}: the analysis layer importing a family (a violation). */
public final class UsesAlpha {
    public int size() {
        return new dev.codemill.cli.archfixture.alpha.UsesBeta().size();
    }
}
