package dev.codemill.stages.detect;

import dev.codemill.model.Document;
import dev.codemill.model.Keys;
import dev.codemill.stage.Emitter;
import dev.codemill.stage.GroupStage;
import dev.codemill.stage.Verdict;
import dev.codemill.stages.analysis.GeneratedDetector;
import dev.codemill.stages.analysis.VendorRules;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Vendored and generated code, per repository: sets The Stack v2's {@link Keys#IS_VENDOR} and
 * {@link Keys#IS_GENERATED} on every document, with {@link Keys#VENDOR_EVIDENCE} /
 * {@link Keys#GENERATED_EVIDENCE} naming the rule that decided (absent when none spoke).
 *
 * <p>Order of evidence, as in GitHub Linguist ({@code lazy_blob.rb}): the repository's
 * {@code .gitattributes} first ({@code linguist-vendored}, {@code linguist-generated}, and for
 * generated also {@code -diff}; {@link GitAttributes}), which can also un-vendor or un-generate a
 * path; otherwise the rules as data: {@link VendorRules} ({@value VendorRules#RESOURCE}) on the
 * path, {@link GeneratedDetector} ({@value GeneratedDetector#RESOURCE}) on the path, the file
 * name and the header region of the text.
 *
 * <p><b>Why a group stage keyed by {@code repo_name}</b>: the {@code .gitattributes} files are
 * documents of the same repository, read like any other file; grouping hands the stage every
 * document of the repository that reached it, so a later filter that drops {@code .gitattributes}
 * (it is short and not code) cannot hide it, and both runners already group by repository for
 * {@code license} and {@code repo_tests}. Put the stage before any stage that drops files (the
 * default recipe runs it right after {@code language}). A repository's documents are held in
 * memory together, as for those stages.
 *
 * <p>Drops (off by default: The Stack v2 keeps both and annotates): {@code drop_vendor} drops
 * vendored files with rule {@value #RULE_VENDORED}, {@code drop_generated} generated ones with
 * rule {@value #RULE_GENERATED}; the ledger value is the evidence's rule (e.g.
 * {@code path:node_modules}), the detail the whole evidence. A document that is both is reported
 * as vendored when both drops are on.
 */
public final class VendorStage implements GroupStage {
    public static final String NAME = "vendor";
    public static final String RULE_VENDORED = "vendored";
    public static final String RULE_GENERATED = "generated";

    private final VendorRules vendorRules;
    private final GeneratedDetector generated;
    private final boolean dropVendor;
    private final boolean dropGenerated;

    public VendorStage(VendorRules vendorRules, GeneratedDetector generated, boolean dropVendor, boolean dropGenerated) {
        this.vendorRules = vendorRules;
        this.generated = generated;
        this.dropVendor = dropVendor;
        this.dropGenerated = dropGenerated;
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * Runs before {@code license} (which reads {@code is_vendor}), so it must not hide licence
     * evidence: dropping vendored files cannot, because a vendored file's licence evidence only
     * ever applies to vendored files (licence roots inside vendored trees); dropping generated
     * files could (a generated manifest or notice), so {@code drop_generated: true} counts as
     * dropping and the plan check then refuses this stage before {@code license}.
     */
    @Override
    public boolean mayDropDocuments() {
        return dropGenerated;
    }

    /**
     * {@code repo_name}; a document without one (a loose file, a dump without a repository column)
     * is a group of its own ({@value #NO_REPO_PREFIX} + its id), so that such inputs are never
     * gathered into one group held in memory: without a repository there is no {@code .gitattributes}
     * to share.
     */
    @Override
    public String key(Document doc) {
        String repo = doc.source().repoName();
        return repo.isEmpty() ? NO_REPO_PREFIX + doc.id().value() : repo;
    }

    /** Prefix of the key of a document without {@code repo_name} (NUL: never part of a repository name). */
    static final String NO_REPO_PREFIX = "\u0000";

    /**
     * A judgement on one file.
     *
     * @param value    the boolean
     * @param rule     short rule name for a ledger value, e.g. {@code path:node_modules}; null when no rule spoke
     * @param evidence the whole evidence (the annotation); null when no rule spoke
     */
    public record Judgement(boolean value, String rule, String evidence) {
        static final Judgement NONE = new Judgement(false, null, null);
    }

    /** The vendored judgement of {@code path} given the repository's attributes. */
    Judgement vendored(String path, GitAttributes attrs) {
        Optional<GitAttributes.Decision> a = attrs.vendored(path);
        if (a.isPresent()) {
            return new Judgement(a.get().value(), "gitattributes:" + a.get().attribute(), a.get().evidence());
        }
        return vendorRules.find(path)
                .map(r -> new Judgement(true, "path:" + r.id(), "path:" + r.id()))
                .orElse(Judgement.NONE);
    }

    /** The generated judgement of {@code path} with text {@code text} given the repository's attributes. */
    Judgement generated(String path, String text, GitAttributes attrs) {
        Optional<GitAttributes.Decision> a = attrs.generated(path);
        if (a.isPresent()) {
            return new Judgement(a.get().value(), "gitattributes:" + a.get().attribute(), a.get().evidence());
        }
        return generated.find(path, text == null ? "" : text)
                .map(e -> new Judgement(true, e.value(), e.line() > 0 ? e.value() + " (line " + e.line() + ")" : e.value()))
                .orElse(Judgement.NONE);
    }

    /** The repository's {@code .gitattributes} files among {@code docs} (decoded ones; at any depth). */
    static GitAttributes attributes(List<Document> docs) {
        TreeMap<String, String> texts = new TreeMap<>();
        for (Document d : docs) {
            if (GitAttributes.FILE_NAME.equals(d.source().fileName()) && d.isDecoded() && d.text() != null) {
                texts.put(d.source().path(), d.text());
            }
        }
        return GitAttributes.parse(texts);
    }

    @Override
    public void processGroup(String key, List<Document> docs, Emitter out) {
        GitAttributes attrs = attributes(docs);
        for (Document d : docs) {
            String path = d.source().path();
            Judgement v = vendored(path, attrs);
            Judgement g = generated(path, d.isDecoded() ? d.text() : null, attrs);
            Document a = d.with(Keys.IS_VENDOR, v.value()).with(Keys.IS_GENERATED, g.value());
            if (v.evidence() != null) {
                a = a.with(Keys.VENDOR_EVIDENCE, v.evidence());
            }
            if (g.evidence() != null) {
                a = a.with(Keys.GENERATED_EVIDENCE, g.evidence());
            }
            if (v.value()) {
                out.count("vendored", 1);
            }
            if (g.value()) {
                out.count("generated", 1);
            }
            if (dropVendor && v.value()) {
                out.drop(a, new Verdict(RULE_VENDORED, "vendored third-party code: " + v.evidence(), v.rule(), "drop_vendor: true", ""));
            } else if (dropGenerated && g.value()) {
                out.drop(a, new Verdict(RULE_GENERATED, "generated code: " + g.evidence(), g.rule(), "drop_generated: true", ""));
            } else {
                out.keep(a);
            }
        }
    }
}
