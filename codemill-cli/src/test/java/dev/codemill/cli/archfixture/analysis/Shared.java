package dev.codemill.cli.archfixture.analysis;

/** Fixture of {@code ModuleRulesTest}: the shared analysis layer. */
public final class Shared {
    public static final int ONE = Integer.parseInt("1");

    private Shared() {
    }
}
