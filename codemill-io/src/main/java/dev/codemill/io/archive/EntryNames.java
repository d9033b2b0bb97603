package dev.codemill.io.archive;

import dev.codemill.io.Compression;
import dev.codemill.io.IngestRules;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Normalises archive entry names and link targets, and says which ones leave the archive root.
 *
 * <p>Checks always work on the whole name (never a truncated copy, whatever its length):
 * {@code \} becomes {@code /}; a drive letter ({@code C:}), a leading {@code /} or a UNC
 * {@code //} prefix makes the name {@code absolute_path}; any {@code ..} component is
 * {@code path_traversal} (even one that would stay inside the root, such as
 * {@code proj/../escape_up.py}: extractors disagree on such names, so none is trusted);
 * empty and {@code .} components are dropped; a NUL character or an empty result is
 * {@code bad_name}.
 */
public final class EntryNames {
    private EntryNames() {
    }

    /**
     * A normalised name, or why it was refused.
     *
     * @param path   the {@code /}-separated relative path (null when refused)
     * @param rule   refusal rule, or null
     * @param detail human sentence for the ledger
     */
    public record Result(String path, String rule, String detail) {
        public boolean ok() {
            return rule == null;
        }
    }

    /** Normalises one entry name. */
    public static Result normalise(String raw) {
        if (raw.indexOf('\0') >= 0) {
            return new Result(null, IngestRules.BAD_NAME, "entry name holds a NUL character");
        }
        String s = raw.replace('\\', '/');
        if (hasDrive(s)) {
            return new Result(null, IngestRules.ABSOLUTE_PATH, "entry name " + raw + " starts with a drive letter");
        }
        if (s.startsWith("/")) {
            return new Result(null, IngestRules.ABSOLUTE_PATH, "entry name " + raw + " is absolute");
        }
        StringBuilder out = new StringBuilder(s.length());
        for (String part : s.split("/", -1)) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                return new Result(null, IngestRules.PATH_TRAVERSAL, "entry name " + raw + " has a .. component");
            }
            if (out.length() > 0) {
                out.append('/');
            }
            out.append(part);
        }
        if (out.length() == 0) {
            return new Result(null, IngestRules.BAD_NAME, "entry name '" + raw + "' is empty after normalisation");
        }
        return new Result(out.toString(), null, null);
    }

    private static boolean hasDrive(String s) {
        return s.length() >= 2 && s.charAt(1) == ':' && ((s.charAt(0) | 0x20) >= 'a' && (s.charAt(0) | 0x20) <= 'z');
    }

    /**
     * Whether a symlink at {@code linkPath} (a normalised entry path) pointing to {@code target}
     * stays inside the archive root: relative targets are resolved against the link's folder;
     * absolute targets, drive letters and targets that climb above the root leave it.
     */
    public static boolean targetStaysInside(String linkPath, String target) {
        String t = target.replace('\\', '/');
        if (t.isEmpty() || t.startsWith("/") || hasDrive(t) || t.indexOf('\0') >= 0) {
            return false;
        }
        Deque<String> stack = new ArrayDeque<>();
        String[] linkParts = linkPath.split("/");
        for (int i = 0; i < linkParts.length - 1; i++) {
            stack.addLast(linkParts[i]);
        }
        for (String part : t.split("/", -1)) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (stack.isEmpty()) {
                    return false;
                }
                stack.removeLast();
            } else {
                stack.addLast(part);
            }
        }
        return true;
    }

    /**
     * Archive kinds by file name; null when {@code fileName} is not an archive. A tar archive may
     * carry any stream compression of {@link Compression} ({@code .tar.gz .tgz .tar.xz .txz .tar.bz2
     * .tbz2 .tar.zst .tzst .tar.lz4 .tar.lzma .tar.Z}); the reader decompresses it by the same name.
     */
    public static ArchiveKind kindOf(String fileName) {
        String n = fileName.toLowerCase(java.util.Locale.ROOT);
        if (n.endsWith(".zip") || n.endsWith(".jar")) {
            return ArchiveKind.ZIP;
        }
        Compression c = Compression.of(fileName);
        if (!c.unsupported() && Compression.inner(fileName).toLowerCase(java.util.Locale.ROOT).endsWith(".tar")) {
            return ArchiveKind.TAR;
        }
        return null;
    }

    /** The file name without its archive extension ({@code .zip .jar .tar}, with any compression). */
    public static String baseName(String fileName) {
        String n = fileName.toLowerCase(java.util.Locale.ROOT);
        if (n.endsWith(".zip") || n.endsWith(".jar")) {
            return fileName.substring(0, fileName.length() - 4);
        }
        String inner = Compression.inner(fileName);
        if (inner.toLowerCase(java.util.Locale.ROOT).endsWith(".tar")) {
            return inner.substring(0, inner.length() - 4);
        }
        return fileName;
    }

    /** Kinds of archive this package reads. */
    public enum ArchiveKind { ZIP, TAR }
}
