package dev.codemill.stages.quality;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The registry of built-in checkers, by the name a constitution's {@code checker} key uses. */
public final class Checkers {
    private static final Map<String, Checker> BY_NAME = List.of(new WellFormedChecker(), new DocumentedChecker(),
                    new CommentedChecker(), new NamesChecker(), new SmallUnitsChecker(), new RigorousChecker(),
                    new NoNoiseChecker(), new TestedChecker())
            .stream().collect(Collectors.toUnmodifiableMap(Checker::name, Function.identity()));

    private Checkers() {
    }

    /** The checker with this name, or null. */
    public static Checker byName(String name) {
        return BY_NAME.get(name);
    }

    /** All checker names, sorted. */
    public static TreeSet<String> names() {
        return new TreeSet<>(BY_NAME.keySet());
    }
}
