package dev.codemill.run;

import java.util.ServiceLoader;

/**
 * Removes secrets from the texts a run writes besides the content: repository names, paths and
 * input-given ids of documents, and the ledger's {@code detail}, {@code value} and {@code limit}
 * (a malformed input line is quoted there). The runners apply it where documents enter the
 * pipeline and where ledger rows are made ({@link StageChain}), so every output (data and ledger
 * files, {@code manifest.json} and {@code stats.json} tallies per repository,
 * {@code examples.json}, the report) and every later message sees only the redacted text.
 *
 * <p>The implementation comes from the {@code redact} stage family through {@link ServiceLoader}
 * (core cannot import stages); without one on the class path, {@link #NONE}.
 */
public interface TextRedactor {
    /**
     * The text with every secret replaced ({@code <KEY>}, {@code <PASSWORD>}), or the same
     * instance when it holds none; null stays null. Must be thread-safe and deterministic.
     */
    String redact(String text);

    /** Leaves every text as it is. */
    TextRedactor NONE = text -> text;

    /** The first implementation found by {@link ServiceLoader}, else {@link #NONE}. */
    static TextRedactor load() {
        return Holder.LOADED;
    }

    /** Lazily loaded instance. */
    final class Holder {
        static final TextRedactor LOADED = ServiceLoader.load(TextRedactor.class, TextRedactor.class.getClassLoader())
                .findFirst().orElse(NONE);

        private Holder() {
        }
    }
}
