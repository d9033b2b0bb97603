package dev.codemill.cli.report;

/** Opens {@link ReportPage}'s package-private helpers to tests in other packages. */
public final class ReportPageAccess {
    private ReportPageAccess() {
    }

    public static String scriptSafe(String json) {
        return ReportPage.scriptSafe(json);
    }
}
