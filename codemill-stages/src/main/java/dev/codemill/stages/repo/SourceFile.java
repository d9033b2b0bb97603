package dev.codemill.stages.repo;

import java.util.Objects;

/**
 * One file of a repository as the import graph sees it.
 *
 * @param path     path inside the repository, {@code /}-separated, no leading slash
 * @param language linguist language name ({@code Python}, {@code C++} …), or null when unknown
 * @param text     decoded content
 */
public record SourceFile(String path, String language, String text) {
    public SourceFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(text, "text");
    }

    /** Directory part of the path ({@code ""} at the root). */
    public String dir() {
        return RepoPaths.dir(path);
    }

    /** File name without its last extension ({@code Foo} for {@code a/Foo.java}). */
    public String stem() {
        return RepoPaths.stem(path);
    }
}
