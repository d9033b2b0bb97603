package dev.codemill.stages.analysis.critique;

import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Critiques of a file by the quality constitution, as stage families other than {@code quality}
 * may see them (they never import the quality package): the {@code quality} family registers its
 * scorer as the implementation ({@code META-INF/services/dev.codemill.stages.analysis.critique.Critic}).
 */
public interface Critic {
    /**
     * One critique.
     *
     * @param id      {@code PRINCIPLE:KIND}: the constitution principle's id and the kind of finding
     *                (the message with numbers replaced by {@code #}), stable when lines move or
     *                measured values change
     * @param line    1-based line
     * @param message the message as the constitution words it
     */
    record Finding(String id, int line, String message) {
    }

    /**
     * The critiques of {@code text} in line order.
     *
     * @param path     path in its repository ({@code /}-separated)
     * @param language linguist name, or null
     */
    List<Finding> critiques(String text, String path, String language);

    /** The registered critic (the quality constitution's), or empty when none is on the class path. */
    static Optional<Critic> load() {
        return ServiceLoader.load(Critic.class, Critic.class.getClassLoader()).findFirst();
    }
}
