package dev.codemill.model;

/**
 * Where a document came from.
 *
 * @param origin   the input it was read from (a directory, archive or dump path, as given)
 * @param repoName the repository it belongs to (The Stack's {@code repo_name}); never null, may be empty
 * @param path     the file's path inside its repository, with {@code /} separators
 */
public record SourceRef(String origin, String repoName, String path) {
    public SourceRef {
        origin = origin == null ? "" : origin;
        repoName = repoName == null ? "" : repoName;
        path = path == null ? "" : path;
    }

    /** The file name: the part of {@link #path()} after the last {@code /}. */
    public String fileName() {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }
}
