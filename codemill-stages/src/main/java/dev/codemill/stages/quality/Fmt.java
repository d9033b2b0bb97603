package dev.codemill.stages.quality;

import dev.codemill.stage.Check;
import java.util.Comparator;

/** Small formatting helpers shared by the checkers. */
final class Fmt {
    static final Comparator<Critique> BY_POSITION = Comparator.comparingInt(Critique::line)
            .thenComparingInt(Critique::column).thenComparing(Critique::message);

    private Fmt() {
    }

    static String f(double d) {
        return Check.format(d);
    }
}
