package dev.codemill.stages.license;

import dev.codemill.model.Document;
import dev.codemill.model.Keys;
import dev.codemill.stage.Emitter;
import dev.codemill.stage.GroupStage;
import dev.codemill.stage.Verdict;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Repository licence detection and propagation (The Stack v2 columns {@code detected_licenses},
 * {@code license_type}). Documents are grouped by {@code repo_name}; per repository:
 * <ol>
 *   <li>licence files at the repository root ({@link #isLicenseFile}: LICENSE, LICENCE, COPYING,
 *       NOTICE, UNLICENSE, COPYRIGHT, any case, any suffix such as {@code .md} or {@code -MIT}) or
 *       in the root {@code META-INF/} folder (a jar's licence, {@link #isMetaInfLicenseFile}) are
 *       matched against the SPDX licence texts ({@link LicenseTextMatcher}, similarity ≥ 0.8); a
 *       LICENSE/LICENCE/COPYING file (not NOTICE or COPYRIGHT) that matches no text but is a short
 *       reference notice naming one licence URL counts too ({@link PackageMetadata#referencedLicense},
 *       evidence {@code file PATH ID reference});</li>
 *   <li>when no licence file matches, root metadata ({@link PackageMetadata}: package.json,
 *       pom.xml, setup.cfg, pyproject.toml) is used;</li>
 *   <li>every file gets the repository's licences and type, unless it has its own
 *       {@code SPDX-License-Identifier} header ({@link SpdxHeader}), which overrides.</li>
 * </ol>
 * Words in code ({@code gpl} variables, "python module") are never evidence: only whole licence
 * texts, SPDX tags and metadata fields are read. Files whose type is not in {@code keep} are
 * dropped with rule {@value #RULE}, value = the type, limit = the kept types joined by commas.
 */
public final class LicenseStage implements GroupStage {
    public static final String NAME = "license";
    public static final String RULE = "license_type";
    private static final Pattern LICENSE_FILE = Pattern.compile(
            "(?i)(?:un)?licen[cs]e|copying|notice|copyright|copyleft|(?:un)?licen[cs]e[-._ ].*|copying[-._ ].*|notice[-._ ].*|copyright[-._ ].*");

    private final List<String> keep;

    /** @param keep licence types to keep (subset of {@link LicenseTypes#ALL}); others are dropped */
    public LicenseStage(List<String> keep) {
        this.keep = List.copyOf(keep);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String key(Document doc) {
        return doc.source().repoName();
    }

    /** Whether a file name names a licence file (see class comment). */
    public static boolean isLicenseFile(String fileName) {
        return LICENSE_FILE.matcher(fileName).matches();
    }

    /**
     * Whether a path is a licence file directly in the root {@code META-INF/} folder, e.g.
     * {@code META-INF/LICENSE.txt} or {@code META-INF/NOTICE}: where jars (binary and sources jars
     * built by Maven, Gradle) carry their licence, so a jar read as an archive has one.
     */
    public static boolean isMetaInfLicenseFile(String path) {
        return path.startsWith(META_INF) && path.indexOf('/', META_INF.length()) < 0
                && isLicenseFile(path.substring(META_INF.length()));
    }

    private static final String META_INF = "META-INF/";

    /** The repository licence of one group: ids, type and evidence. */
    public record RepoLicense(List<String> licenses, String type, String evidence) {
    }

    /** Detects the repository licence from the root licence files and, failing those, metadata. */
    public static RepoLicense detect(List<Document> docs) {
        List<Document> root = new ArrayList<>();
        List<Document> licenseFiles = new ArrayList<>();
        for (Document d : docs) {
            if (!d.isDecoded() || d.text() == null) {
                continue;
            }
            String path = d.source().path();
            if (!path.contains("/")) {
                root.add(d);
                if (isLicenseFile(d.source().fileName())) {
                    licenseFiles.add(d);
                }
            } else if (isMetaInfLicenseFile(path)) {
                licenseFiles.add(d);
            }
        }
        root.sort(Comparator.comparing(d -> d.source().path()));
        licenseFiles.sort(Comparator.comparing(d -> d.source().path()));
        Set<String> ids = new LinkedHashSet<>();
        List<String> evidence = new ArrayList<>();
        for (Document d : licenseFiles) {
            List<LicenseTextMatcher.Match> matches = LicenseTextMatcher.get().matchAll(d.text());
            for (LicenseTextMatcher.Match m : matches) {
                ids.add(m.id());
                evidence.add("file " + d.source().path() + " " + m.id() + " "
                        + String.format(Locale.ROOT, "%.3f", m.similarity()));
            }
            String name = d.source().fileName().toLowerCase(Locale.ROOT);
            boolean notice = name.startsWith("notice") || name.startsWith("copyright");
            String ref = matches.isEmpty() && !notice ? PackageMetadata.referencedLicense(d.text()) : null;
            if (ref != null) {
                ids.add(ref);
                evidence.add("file " + d.source().path() + " " + ref + " reference");
            }
        }
        if (ids.isEmpty()) {
            for (Document d : root) {
                String f = d.source().fileName();
                if (PackageMetadata.isMetadataFile(f)) {
                    List<String> declared = PackageMetadata.licenses(f, d.text());
                    if (!declared.isEmpty()) {
                        ids.addAll(declared);
                        evidence.add("metadata " + d.source().path() + " " + String.join(" ", declared));
                    }
                }
            }
        }
        List<String> list = List.copyOf(ids);
        return new RepoLicense(list, LicenseTypes.ofAll(list), evidence.isEmpty() ? "none" : String.join("; ", evidence));
    }

    @Override
    public void processGroup(String key, List<Document> docs, Emitter out) {
        RepoLicense repo = detect(docs);
        for (Document d : docs) {
            List<String> ids = repo.licenses();
            String type = repo.type();
            String evidence = repo.evidence();
            SpdxExpression header = d.isDecoded() && d.text() != null ? SpdxHeader.find(d.text()) : null;
            if (header != null) {
                ids = header.licenses();
                type = header.type();
                evidence = "spdx_header " + header.text();
            }
            Document annotated = d.with(Keys.DETECTED_LICENSES, ids).with(Keys.LICENSE_TYPE, type)
                    .with(Keys.LICENSE_EVIDENCE, evidence);
            if (keep.contains(type)) {
                out.keep(annotated);
            } else {
                out.drop(annotated, new Verdict(RULE, "licence type " + type + " (" + evidence + ") is not kept",
                        type, String.join(",", keep), ""));
            }
        }
    }
}
