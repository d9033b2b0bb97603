package dev.codemill.stages.license;

import dev.codemill.model.Document;
import dev.codemill.model.Keys;
import dev.codemill.stage.Emitter;
import dev.codemill.stage.GroupStage;
import dev.codemill.stage.Verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Licence detection and reconciliation (The Stack v2 columns {@code detected_licenses},
 * {@code license_type}, plus {@code license_expression} and {@code license_evidence}).
 * Documents are grouped by {@code repo_name}; per repository the {@link LicenseRoots} are found
 * (the root and every folder whose licence files or manifests state a licence: vendor/foo/,
 * node_modules/bar/, third_party/x/). For each file the evidence, in precedence order, is:
 * <ol>
 *   <li>its own {@code SPDX-License-Identifier} header ({@link SpdxHeader}): decides alone;</li>
 *   <li>its licence root's licence files, manifests, README ({@link LicenseRoots.Root#ordered}):
 *       the nearest enclosing root that states a licence, the repository root last. A file
 *       annotated {@code is_vendor} = true takes only a vendored root's evidence, never the host's
 *       (nor the dump's, which describes the host repository): without one it is {@code unknown};</li>
 *   <li>the input dump's columns ({@link DumpLicense}), for files under the repository root.</li>
 * </ol>
 * {@link LicenseReconciler} picks the first and records every other as agreeing or disagreeing
 * (a stricter disagreeing statement is AND-ed in). Words in code are never evidence. Files whose
 * type is not in {@code keep} are dropped with rule {@value #RULE}, value = the type, limit = the
 * kept types joined by commas.
 *
 * <p>The stage must see every file of a repository: it says {@link #needsEveryDocument()} and the
 * recipe check refuses a recipe that puts a stage that may drop documents before it.
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

    /** The key is {@code repo_name}: a runner may run this stage in the round of another stage grouping by it. */
    @Override
    public String keyField() {
        return "repo_name";
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

    /** The licence of a repository root: ids, type and evidence (what {@link #detect} returns). */
    public record RepoLicense(List<String> licenses, String type, String evidence) {
    }

    /** The licence of the repository root alone (licence files, manifests, README; no dump), as the bench reads it. */
    public static RepoLicense detect(List<Document> docs) {
        LicenseRoots.Root root = LicenseRoots.find(docs).get("");
        LicenseReconciler.Result r = LicenseReconciler.reconcile(root.ordered(), root.notes());
        return new RepoLicense(r.licenses(), r.type(), r.evidence());
    }

    /**
     * Sliceable: a file's licence depends only on itself and its repository's licence roots,
     * which {@link LicenseRoots#find} reads from licence files, package manifests and READMEs only.
     */
    @Override
    public java.util.function.Predicate<Document> sliceContext() {
        return d -> {
            String name = d.source().fileName();
            return isLicenseFile(name) || isMetaInfLicenseFile(d.source().path()) || PackageMetadata.isMetadataFile(name)
                    || ReadmeLicense.isReadme(name);
        };
    }

    @Override
    public boolean needsEveryDocument() {
        return true;
    }

    @Override
    public boolean mayDropDocuments() {
        return !keep.containsAll(LicenseTypes.ALL);
    }

    @Override
    public void processGroup(String key, List<Document> docs, Emitter out) {
        Map<String, LicenseRoots.Root> roots = LicenseRoots.find(docs);
        for (Document d : docs) {
            LicenseReconciler.Result r = resolve(d, roots);
            Document annotated = d.with(Keys.DETECTED_LICENSES, r.licenses()).with(Keys.LICENSE_TYPE, r.type())
                    .with(Keys.LICENSE_EXPRESSION, r.expression() == null ? null : r.expression().text())
                    .with(Keys.LICENSE_EVIDENCE, r.evidence());
            if (keep.contains(r.type())) {
                out.keep(annotated);
            } else {
                out.drop(annotated, new Verdict(RULE, "licence type " + r.type() + " (" + r.evidence() + ") is not kept",
                        r.type(), String.join(",", keep), ""));
            }
        }
    }

    /** The reconciled licence of one document given its repository's licence roots. */
    static LicenseReconciler.Result resolve(Document d, Map<String, LicenseRoots.Root> roots) {
        SpdxExpression header = d.isDecoded() && d.text() != null ? SpdxHeader.find(d.text()) : null;
        if (header != null) {
            return LicenseReconciler.reconcile(List.of(LicenseEvidence.of(LicenseEvidence.HEADER, "spdx", header, "")), List.of());
        }
        boolean vendor = Boolean.TRUE.equals(d.get(Keys.IS_VENDOR));
        List<LicenseEvidence> dump = DumpLicense.of(d);
        String dir = LicenseRoots.dirOf(d.source().path());
        LicenseRoots.Root scope = null;
        while (true) {
            LicenseRoots.Root r = roots.get(dir);
            boolean usable = r != null && (vendor ? r.vendored() && r.declares() && !dir.isEmpty() : r.declares() || dir.isEmpty());
            if (usable) {
                scope = r;
                break;
            }
            if (dir.isEmpty()) {
                break;
            }
            dir = LicenseRoots.dirOf(dir.substring(0, dir.length() - 1));
        }
        List<String> notes = new ArrayList<>();
        if (scope == null) { // vendored, no vendored licence root above it
            notes.add("vendored: no licence evidence in its own tree, the repository's licence is not inherited");
            for (LicenseEvidence e : dump) {
                notes.add(e.text() + " [not applied: describes the host repository]");
            }
            LicenseReconciler.Result none = LicenseReconciler.reconcile(List.of(), notes);
            return new LicenseReconciler.Result(null, LicenseTypes.UNKNOWN, none.evidence());
        }
        List<LicenseEvidence> ordered = new ArrayList<>(scope.ordered());
        notes.addAll(scope.notes());
        if (scope.dir().isEmpty()) {
            ordered.addAll(dump);
        } else {
            for (LicenseEvidence e : dump) {
                notes.add(e.text() + " [not applied: file is under licence root " + scope.dir() + "]");
            }
        }
        return LicenseReconciler.reconcile(ordered, notes);
    }
}
