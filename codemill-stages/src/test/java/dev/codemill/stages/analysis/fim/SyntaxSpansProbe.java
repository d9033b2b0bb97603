package dev.codemill.stages.analysis.fim;

import dev.codemill.stages.analysis.syntax.SyntaxTree;
import java.util.ArrayList;
import java.util.List;

/** Test access to {@link SyntaxSpans#candidates}, and the node-by-node definition it must match. */
public final class SyntaxSpansProbe {
    private SyntaxSpansProbe() {
    }

    /** {@code [start, end]} pairs as strings, for comparison. */
    public static List<String> candidates(SyntaxTree t) {
        return SyntaxSpans.candidates(t).stream().map(a -> a[0] + "-" + a[1]).toList();
    }

    /** Named candidate-type nodes outside ERROR nodes whose subtree has no ERROR/MISSING node and some non-blank byte, checked node by node. */
    public static List<String> bruteForce(SyntaxTree t) {
        List<String> out = new ArrayList<>();
        int i = 1;
        while (i < t.size()) {
            if (t.isError(i)) {
                i = t.lastDescendant(i) + 1;
                continue;
            }
            boolean clean = true;
            for (int k = i; k <= t.lastDescendant(i); k++) {
                clean &= !t.isError(k) && !t.isMissing(k);
            }
            boolean blank = true;
            for (int k = t.start(i); k < t.end(i); k++) {
                byte b = t.bytes()[k];
                blank &= b == ' ' || b == '\t' || b == '\n' || b == '\r';
            }
            if (t.named(i) && SyntaxSpans.candidateType(t.type(i), t.field(i)) && t.end(i) > t.start(i) && !blank && clean) {
                out.add(t.start(i) + "-" + t.end(i));
            }
            i++;
        }
        return out;
    }
}
