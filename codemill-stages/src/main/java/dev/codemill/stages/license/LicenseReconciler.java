package dev.codemill.stages.license;

import java.util.ArrayList;
import java.util.List;

/**
 * Reconciles the licence evidence of one file, given in precedence order (own SPDX header, then
 * the licence root's licence files, manifests, README, then the input dump's columns).
 *
 * <p>The first piece of evidence wins and gives the expression. Every other piece is recorded
 * and compared with it ({@link LicenseEvidence#agreesWith}): {@code [agrees]}, {@code [disagrees]},
 * or {@code [disagrees, stricter]} when its type is stricter than the winner's
 * ({@link LicenseTypes#strictness}). A stricter disagreeing statement is AND-ed into the result
 * (a type-only one raises the type), so a file is never {@code permissive} while one of its
 * sources says otherwise. No evidence at all gives {@code no_license} and evidence {@code none}.
 */
public final class LicenseReconciler {
    private LicenseReconciler() {
    }

    /**
     * The reconciled licence of one file.
     *
     * @param expression the combined expression; null when no evidence named a licence
     * @param type       the {@link LicenseTypes} type
     * @param evidence   the {@code license_evidence} text: entries joined by {@code "; "}, notes last
     */
    public record Result(SpdxExpression expression, String type, String evidence) {
        /** The licences of {@link #expression}, empty when none. */
        public List<String> licenses() {
            return expression == null ? List.of() : expression.licenses();
        }
    }

    /** Reconciles {@code ordered} (precedence order) and appends {@code notes} to the evidence text. */
    public static Result reconcile(List<LicenseEvidence> ordered, List<String> notes) {
        List<String> text = new ArrayList<>();
        SpdxExpression expr = null;
        String type = LicenseTypes.NO_LICENSE;
        LicenseEvidence winner = null;
        List<SpdxExpression> stricter = new ArrayList<>();
        for (LicenseEvidence e : ordered) {
            if (winner == null) {
                winner = e;
                expr = e.expression();
                type = e.type();
                text.add(e.text());
                continue;
            }
            if (e.agreesWith(winner)) {
                text.add(e.text() + " [agrees]");
            } else if (LicenseTypes.strictness(e.type()) > LicenseTypes.strictness(winner.type())) {
                text.add(e.text() + " [disagrees, stricter]");
                type = LicenseTypes.stricter(type, e.type());
                if (e.expression() != null) {
                    stricter.add(e.expression());
                }
            } else {
                text.add(e.text() + " [disagrees]");
            }
        }
        if (expr != null && !stricter.isEmpty()) {
            List<SpdxExpression> all = new ArrayList<>();
            all.add(expr);
            all.addAll(stricter);
            expr = SpdxExpression.and(all);
            type = LicenseTypes.stricter(type, expr.type());
        } else if (expr == null && !stricter.isEmpty()) {
            expr = SpdxExpression.and(stricter);
        }
        text.addAll(notes);
        return new Result(expr, type, text.isEmpty() ? "none" : String.join("; ", text));
    }
}
