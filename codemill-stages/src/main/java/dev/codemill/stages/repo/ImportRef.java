package dev.codemill.stages.repo;

import java.util.List;

/**
 * One import-like reference found in a file's syntax tree, before resolution.
 *
 * @param kind   what the statement was, per language (see {@link ImportExtractor}):
 *               {@code import}, {@code from}, {@code import_static}, {@code import_wildcard},
 *               {@code include_local}, {@code include_system}, {@code require},
 *               {@code require_relative}, {@code mod}, {@code use}, {@code using}
 * @param target the referenced module, path, package or namespace exactly as written (quotes
 *               removed), e.g. {@code ..m.n}, {@code ./util}, {@code crate::a::b}, {@code a/b.h}
 * @param names  for Python {@code from X import a, b}: the imported names ({@code *} for a
 *               wildcard); otherwise empty
 * @param line   1-based line of the statement
 */
public record ImportRef(String kind, String target, List<String> names, int line) {
    public ImportRef {
        names = List.copyOf(names);
    }

    public ImportRef(String kind, String target, int line) {
        this(kind, target, List.of(), line);
    }
}
