package dev.codemill.bench;

import dev.codemill.io.Inputs;
import dev.codemill.model.Document;
import dev.codemill.plan.IngestOptions;
import dev.codemill.run.Split;
import dev.codemill.stage.Emitter;
import dev.codemill.stage.Verdict;
import dev.codemill.stages.license.LicenseStage;
import dev.codemill.stages.license.PackageMetadata;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Agreement of the {@code license} stage's file-based detection with the licence a Maven POM
 * declares, on sources jars from the local Maven repository ({@code codemill-bench/license-maven.sh}
 * picks the artifacts and fetches the jars).
 *
 * <p>Per artifact: the POM licence is {@code <licenses>} of the POM, else of the nearest
 * {@code <parent>} POM that has one (parents read from the local repository, fetched with
 * {@code mvn dependency:get} when missing), mapped to SPDX ids by {@link PackageMetadata}. The
 * detected licence is what {@link LicenseStage#detect} finds in the sources jar read as an
 * archive ({@link Inputs}, the same reader as {@code codemill run}), counting only licence-file
 * evidence (root or {@code META-INF/} licence files), never metadata. Files are decoded as UTF-8.
 *
 * <p>Outcomes: {@code agree} (same id set), {@code partial} (sets overlap), {@code disagree}
 * (disjoint, or a licence file that matched nothing), {@code notice-only} (only NOTICE or
 * COPYRIGHT files), {@code no-licence-file}, {@code pom-unmapped} (the POM licence is missing or
 * has no SPDX mapping). Accuracy = agree / (agree + partial + disagree); coverage = artifacts with a
 * licence file / artifacts with a sources jar.
 *
 * <p>Usage: {@code LicenseMavenAgreement LIST_TSV M2_REPOSITORY}; LIST_TSV rows are
 * {@code G:A:V <tab> pom path <tab> sources jar path}.
 */
public final class LicenseMavenAgreement {
    private static final Pattern PARENT = Pattern.compile("(?s)<parent>(.*?)</parent>");
    private static final Pattern LICENSES = Pattern.compile("(?s)<licenses>.*?</licenses>");
    private static final Pattern PROPERTY = Pattern.compile("\\$\\{[^}]+}");

    private LicenseMavenAgreement() {
    }

    /** One artifact's POM licence: SPDX ids, the raw names, and the POM that declared them. */
    record PomLicense(List<String> ids, String raw, String from) {
    }

    public static void main(String[] args) throws Exception {
        Path list = Path.of(args[0]);
        Path repo = Path.of(args[1]);
        TreeMap<String, Integer> totals = new TreeMap<>();
        List<String> disagreements = new ArrayList<>();
        System.out.printf("%-62s %-28s %-28s %s%n", "artifact", "POM licence -> SPDX", "detected", "outcome");
        for (String line : Files.readAllLines(list)) {
            String[] f = line.split("\t");
            if (f.length < 3) {
                continue;
            }
            String gav = f[0];
            PomLicense pom = pomLicense(Path.of(f[1]), repo, 0);
            Detected det = detect(Path.of(f[2]));
            String outcome = outcome(pom, det);
            totals.merge(outcome, 1, Integer::sum);
            String pomText = pom.ids().isEmpty() ? "(" + (pom.raw().isEmpty() ? "none" : pom.raw()) + ")"
                    : String.join("+", pom.ids());
            String detText = det.ids().isEmpty() ? (det.files().isEmpty() ? "-" : "(no match)") : String.join("+", det.ids());
            System.out.printf("%-62s %-28s %-28s %s%n", gav, pomText, detText, outcome);
            if (outcome.equals("disagree") || outcome.equals("partial")) {
                disagreements.add(gav + ": POM " + pomText + " [" + pom.raw() + ", " + pom.from() + "]; detected "
                        + detText + " [" + det.evidence() + "; files " + det.files() + "]");
            }
        }
        int agree = totals.getOrDefault("agree", 0);
        int partial = totals.getOrDefault("partial", 0);
        int disagree = totals.getOrDefault("disagree", 0);
        int judged = agree + partial + disagree;
        int all = totals.values().stream().mapToInt(Integer::intValue).sum();
        int withFile = all - totals.getOrDefault("no-licence-file", 0) - totals.getOrDefault("notice-only", 0);
        System.out.println();
        System.out.println("outcomes: " + totals);
        System.out.printf(Locale.ROOT, "accuracy (jars with a licence file and a mapped POM licence): %d/%d = %.3f exact, "
                        + "%d/%d = %.3f with partial%n", agree, judged, judged == 0 ? 0.0 : agree / (double) judged,
                agree + partial, judged, judged == 0 ? 0.0 : (agree + partial) / (double) judged);
        System.out.printf(Locale.ROOT, "coverage (sources jars with a licence file): %d/%d = %.3f%n", withFile, all,
                all == 0 ? 0.0 : withFile / (double) all);
        for (String d : disagreements) {
            System.out.println("DISAGREE " + d);
        }
    }

    static String outcome(PomLicense pom, Detected det) {
        if (!det.hasLicenseFile()) {
            return det.files().isEmpty() ? "no-licence-file" : "notice-only";
        }
        if (pom.ids().isEmpty()) {
            return "pom-unmapped";
        }
        Set<String> a = new LinkedHashSet<>(pom.ids());
        Set<String> b = new LinkedHashSet<>(det.ids());
        if (a.equals(b)) {
            return "agree";
        }
        b.retainAll(a);
        return b.isEmpty() ? "disagree" : "partial";
    }

    /** The licence declared by a POM or its nearest parent with a {@code <licenses>} block. */
    static PomLicense pomLicense(Path pom, Path repo, int depth) throws IOException, InterruptedException {
        if (!Files.isRegularFile(pom) || depth > 10) {
            return new PomLicense(List.of(), "", "");
        }
        String text = Files.readString(pom, StandardCharsets.UTF_8);
        Matcher lic = LICENSES.matcher(text);
        if (lic.find()) {
            List<String> ids = PackageMetadata.licenses("pom.xml", text);
            List<String> names = new ArrayList<>();
            Matcher n = Pattern.compile("(?s)<name>\\s*(.*?)\\s*</name>").matcher(lic.group());
            while (n.find()) {
                names.add(n.group(1).replaceAll("\\s+", " "));
            }
            if (names.isEmpty()) {
                Matcher u = Pattern.compile("(?s)<url>\\s*(.*?)\\s*</url>").matcher(lic.group());
                while (u.find()) {
                    names.add(u.group(1));
                }
            }
            return new PomLicense(ids, String.join(" | ", names), repo.relativize(pom).toString());
        }
        Matcher p = PARENT.matcher(text);
        if (!p.find()) {
            return new PomLicense(List.of(), "", "");
        }
        String g = tag(p.group(1), "groupId");
        String a = tag(p.group(1), "artifactId");
        String v = tag(p.group(1), "version");
        if (g == null || a == null || v == null || PROPERTY.matcher(v).find()) {
            return new PomLicense(List.of(), "", "");
        }
        Path parent = repo.resolve(g.replace('.', '/')).resolve(a).resolve(v).resolve(a + "-" + v + ".pom");
        if (!Files.isRegularFile(parent)) {
            fetch(g + ":" + a + ":" + v + ":pom");
        }
        return pomLicense(parent, repo, depth + 1);
    }

    private static String tag(String xml, String name) {
        Matcher m = Pattern.compile("(?s)<" + name + ">\\s*(.*?)\\s*</" + name + ">").matcher(xml);
        return m.find() ? m.group(1) : null;
    }

    /** Fetches one artifact into the local repository; at most 90 s; failures are ignored. */
    private static void fetch(String artifact) throws IOException, InterruptedException {
        Process pr = new ProcessBuilder("mvn", "-B", "-q", "dependency:get", "-Dartifact=" + artifact, "-Dtransitive=false")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!pr.waitFor(90, TimeUnit.SECONDS)) {
            pr.destroyForcibly();
        }
    }

    /**
     * What the licence stage finds in a jar: ids, evidence, and the licence files it saw
     * ({@code hasLicenseFile}: at least one that is not NOTICE or COPYRIGHT).
     */
    record Detected(List<String> ids, String evidence, List<String> files, boolean hasLicenseFile) {
    }

    static Detected detect(Path jar) throws IOException {
        List<Document> docs = new ArrayList<>();
        List<String> files = new ArrayList<>();
        boolean[] real = {false};
        for (Split split : Inputs.splits(List.of(jar), IngestOptions.DEFAULTS)) {
            split.read(new Emitter() {
                @Override
                public void keep(Document doc) {
                    String path = doc.source().path();
                    boolean rootFile = !path.contains("/");
                    if (!rootFile && !LicenseStage.isMetaInfLicenseFile(path)) {
                        return;   // only root files and META-INF licence files can be evidence
                    }
                    Document text = doc.isDecoded() ? doc : doc.withText(new String(doc.bytes(), StandardCharsets.UTF_8));
                    docs.add(text);
                    String name = doc.source().fileName();
                    if (LicenseStage.isLicenseFile(name)) {
                        files.add(path);
                        String lower = name.toLowerCase(Locale.ROOT);
                        if (!lower.startsWith("notice") && !lower.startsWith("copyright")) {
                            real[0] = true;
                        }
                    }
                }

                @Override
                public void drop(Document doc, Verdict why) {
                }

                @Override
                public void quarantine(Document doc, Verdict why) {
                }

                @Override
                public void modified(Document changed, List<Verdict> whys) {
                    keep(changed);
                }
            });
        }
        LicenseStage.RepoLicense r = LicenseStage.detect(docs);
        boolean fromFiles = r.evidence().startsWith("file:");
        return new Detected(fromFiles ? r.licenses() : List.of(), fromFiles ? r.evidence() : "none", files, real[0]);
    }
}
