package dev.codemill.cli.archfixture.alpha;

/** Fixture of {@code ModuleRulesTest}: a family that imports another family (a violation). */
public final class UsesBeta {
    public int size() {
        return new dev.codemill.cli.archfixture.beta.Beta().size();
    }
}
