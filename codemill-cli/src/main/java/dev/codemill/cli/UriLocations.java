package dev.codemill.cli;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * The overlap rules of {@code RunCommand.checkOutput} for a run whose INPUT or OUT is a Hadoop
 * FileSystem URI ({@code --runner spark}): the input must not lie inside a folder the run
 * replaces (it would be read, then deleted by the publish), and OUT must not lie inside an input.
 * Locations are compared as normalised {@code scheme://authority/path} strings (a local path as
 * {@code file://}); two spellings of one HDFS name node (with and without its default port) are
 * not recognised as the same.
 */
final class UriLocations {
    private UriLocations() {
    }

    /**
     * @param replaced the names under OUT a run replaces (data, ledger, ..., branch folders)
     * @throws ExitCodes.UsageException naming the overlap
     */
    static void check(List<String> inputs, String out, List<String> replaced) {
        String o = norm(out);
        for (String in : inputs) {
            String i = norm(in);
            if (o.equals(i) || o.startsWith(i + "/")) {
                throw new ExitCodes.UsageException("OUT " + out + " lies inside input " + in
                        + " (a later run would read this run's output as input)");
            }
            for (String part : replaced) {
                String p = o + "/" + part;
                if (i.equals(p) || i.startsWith(p + "/")) {
                    throw new ExitCodes.UsageException("input " + in + " lies inside " + out.replaceAll("/+$", "") + "/" + part
                            + ", which the run replaces");
                }
            }
        }
    }

    /** {@code scheme://authority/path} without a trailing slash; a local path as an absolute {@code file://} location. */
    static String norm(String location) {
        URI u = RunCommand.isUri(location) ? URI.create(location).normalize()
                : Path.of(location).toAbsolutePath().normalize().toUri();
        String path = u.getPath() == null ? "" : u.getPath().replaceAll("/+$", "");
        return u.getScheme().toLowerCase(java.util.Locale.ROOT) + "://" + (u.getAuthority() == null ? "" : u.getAuthority()) + path;
    }
}
