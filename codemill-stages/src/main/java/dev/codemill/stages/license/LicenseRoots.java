package dev.codemill.stages.license;

import dev.codemill.model.Document;
import dev.codemill.model.Keys;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The licence roots of one repository: every folder holding its own licence evidence, read from
 * the files directly in it (the repository root is folder {@code ""}).
 * <ul>
 *   <li>licence files ({@link LicenseStage#isLicenseFile}; at the root also {@code META-INF/}
 *       licence files, where a jar carries its licence): full texts matched against the SPDX
 *       list ({@link LicenseTextMatcher}); else a file holding only an
 *       {@code SPDX-License-Identifier} line (detail {@code spdx_id}); else a short reference
 *       notice naming one licence URL (detail {@code reference}, not for NOTICE/COPYRIGHT files).
 *       Several licences in one file apply together (AND) unless the file states a choice
 *       ("dual-licensed", "either of the following"), then OR. Files whose names carry their
 *       licence ({@code LICENSE-MIT} + {@code LICENSE-APACHE}, the Rust convention) are
 *       alternatives: {@code MIT OR Apache-2.0}; other licence files of a folder apply together (AND);</li>
 *   <li>package manifests ({@link PackageMetadata});</li>
 *   <li>README licence sections ({@link ReadmeLicense}).</li>
 * </ul>
 * A folder other than the root is a licence root only when a licence file or a manifest there
 * states a licence (a README alone does not make one: a docs/README.md naming a licence would
 * otherwise relicense docs/). A root is vendored when one of its licence files or manifests is
 * annotated {@code is_vendor} = true.
 */
public final class LicenseRoots {
    private static final Pattern DUAL = Pattern.compile(
            "(?i)dual[- ]licen[cs]ed|either of the following licen|under either of|at your (?:option|choice),? (?:under )?(?:either|one of)|choose (?:either|one) of");
    private static final Pattern NAMED_SUFFIX = Pattern.compile("(?i)(?:licen[cs]e|copying)[-._ ]([a-z]+)[a-z0-9.\\-]*?(?:\\.txt|\\.md)?");
    private static final String META_INF = "META-INF/";

    /**
     * The evidence of one licence root.
     *
     * @param dir      folder, {@code ""} for the repository root, else ending in {@code /}
     * @param files    the licence files' evidence, one entry per (file, licence)
     * @param fileExpr the licence files combined (see class comment), null when none
     * @param manifests evidence of manifests that state a licence, by path
     * @param readme   README evidence (used only when no file or manifest states one)
     * @param notes    remarks recorded as evidence (a manifest without licence field, go.mod)
     * @param vendored whether its evidence files are vendored
     */
    public record Root(String dir, List<LicenseEvidence> files, SpdxExpression fileExpr, List<LicenseEvidence> manifests,
                       List<LicenseEvidence> readme, List<String> notes, boolean vendored) {
        /** Whether a licence file or manifest here states a licence. */
        public boolean declares() {
            return fileExpr != null || !manifests.isEmpty();
        }

        /** The evidence in precedence order: licence files (combined), manifests, README. */
        public List<LicenseEvidence> ordered() {
            List<LicenseEvidence> out = new ArrayList<>();
            if (fileExpr != null) {
                if (files.size() == 1) {
                    out.add(files.get(0));
                } else {
                    String where = String.join("+", files.stream().map(LicenseEvidence::where).distinct().toList());
                    String detail = String.join(", ", files.stream().map(f -> f.where() + " " + f.expression().text()
                            + (f.detail().isEmpty() ? "" : " " + f.detail())).toList());
                    out.add(LicenseEvidence.of(LicenseEvidence.FILE, where, fileExpr, "(" + detail + ")"));
                }
            }
            out.addAll(manifests);
            out.addAll(readme);
            return out;
        }
    }

    private LicenseRoots() {
    }

    /** Folder of a path: {@code ""} at the root, else the prefix up to and including the last {@code /}. */
    public static String dirOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash + 1);
    }

    /** The licence roots of a repository's documents, by folder; the root {@code ""} is always present. */
    public static Map<String, Root> find(List<Document> docs) {
        Map<String, List<Document>> byDir = new TreeMap<>();
        for (Document d : docs) {
            if (!d.isDecoded() || d.text() == null) {
                continue;
            }
            String path = d.source().path();
            String name = d.source().fileName();
            String dir = LicenseStage.isMetaInfLicenseFile(path) ? "" : dirOf(path);
            if (LicenseStage.isLicenseFile(name) || PackageMetadata.isMetadataFile(name) || ReadmeLicense.isReadme(name)) {
                byDir.computeIfAbsent(dir, k -> new ArrayList<>()).add(d);
            }
        }
        Map<String, Root> out = new TreeMap<>();
        for (Map.Entry<String, List<Document>> e : byDir.entrySet()) {
            Root r = root(e.getKey(), e.getValue());
            if (r.dir().isEmpty() || r.declares()) {
                out.put(r.dir(), r);
            }
        }
        out.putIfAbsent("", new Root("", List.of(), null, List.of(), List.of(), List.of(), false));
        return out;
    }

    private static Root root(String dir, List<Document> docs) {
        docs.sort(Comparator.comparing(d -> d.source().path()));
        List<LicenseEvidence> files = new ArrayList<>();
        List<SpdxExpression> named = new ArrayList<>();
        List<SpdxExpression> together = new ArrayList<>();
        List<LicenseEvidence> manifests = new ArrayList<>();
        List<LicenseEvidence> readme = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        boolean vendored = false;
        for (Document d : docs) {
            String name = d.source().fileName();
            String path = d.source().path();
            if (LicenseStage.isLicenseFile(name)) {
                List<LicenseEvidence> found = licenceFile(path, name, d.text());
                if (!found.isEmpty()) {
                    files.addAll(found);
                    SpdxExpression e = fileExpression(found, d.text());
                    (namesItsLicence(name, e) ? named : together).add(e);
                    vendored |= Boolean.TRUE.equals(d.get(Keys.IS_VENDOR));
                }
            } else if (PackageMetadata.isMetadataFile(name)) {
                PackageMetadata.Declared m = PackageMetadata.read(name, d.text());
                if (m.expression() != null) {
                    manifests.add(LicenseEvidence.of(LicenseEvidence.MANIFEST, path, m.expression(), ""));
                    vendored |= Boolean.TRUE.equals(d.get(Keys.IS_VENDOR));
                } else {
                    notes.add(LicenseEvidence.MANIFEST + ":" + path + " (" + m.note() + ")");
                }
            } else if (ReadmeLicense.isReadme(name)) {
                SpdxExpression e = ReadmeLicense.find(d.text());
                if (e != null) {
                    readme.add(LicenseEvidence.of(LicenseEvidence.README, path, e, ""));
                }
            }
        }
        if (named.size() == 1) {
            together.add(named.get(0));
        } else if (named.size() > 1) {
            together.add(0, SpdxExpression.or(named));
        }
        return new Root(dir, List.copyOf(files), SpdxExpression.and(together), List.copyOf(manifests), List.copyOf(readme),
                List.copyOf(notes), vendored);
    }

    /** The evidence of one licence file, one entry per licence found; empty when it names none. */
    static List<LicenseEvidence> licenceFile(String path, String name, String text) {
        List<LicenseEvidence> out = new ArrayList<>();
        for (LicenseTextMatcher.Match m : LicenseTextMatcher.get().matchAll(text)) {
            out.add(LicenseEvidence.of(LicenseEvidence.FILE, path, SpdxExpression.ofId(m.id()),
                    String.format(Locale.ROOT, "%.3f", m.similarity())));
        }
        if (!out.isEmpty()) {
            return out;
        }
        SpdxExpression tag = SpdxHeader.find(text);
        if (tag != null) {
            out.add(LicenseEvidence.of(LicenseEvidence.FILE, path, tag, "spdx_id"));
            return out;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        boolean notice = lower.startsWith("notice") || lower.startsWith("copyright");
        String ref = notice ? null : LicenseNames.referencedLicense(text);
        if (ref != null) {
            out.add(LicenseEvidence.of(LicenseEvidence.FILE, path, SpdxExpression.parse(ref), "reference"));
        }
        return out;
    }

    private static SpdxExpression fileExpression(List<LicenseEvidence> found, String text) {
        List<SpdxExpression> es = found.stream().map(LicenseEvidence::expression).toList();
        return found.size() > 1 && DUAL.matcher(text).find() ? SpdxExpression.or(es) : SpdxExpression.and(es);
    }

    /** Whether a licence file's name carries the licence it holds: {@code LICENSE-MIT} with MIT, {@code LICENSE.APACHE} with Apache-2.0. */
    static boolean namesItsLicence(String fileName, SpdxExpression e) {
        Matcher m = NAMED_SUFFIX.matcher(fileName);
        if (!m.matches() || e.licenses().size() != 1) {
            return false;
        }
        String word = m.group(1).toLowerCase(Locale.ROOT);
        return !word.equals("txt") && !word.equals("md") && e.licenses().get(0).toLowerCase(Locale.ROOT).startsWith(word);
    }
}
