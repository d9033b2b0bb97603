package dev.codemill.bench;

import dev.codemill.stages.license.LicenseNames;
import dev.codemill.stages.license.ReadmeLicense;
import dev.codemill.stages.license.SpdxExpression;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * README and declared-licence evidence measured on installed Python packages: each
 * {@code *.dist-info/METADATA} under a site-packages folder holds the declared licence
 * ({@code License-Expression}, else {@code License}, else {@code License ::} classifiers; core
 * metadata 2.4) and the project's README as its body. Reports (1) the share of declared values
 * {@link LicenseNames} maps to SPDX, (2) the share of READMEs where {@link ReadmeLicense} finds a
 * licence, (3) agreement (same licence set) of the README licence with the declared one.
 *
 * <p>Usage: {@code java -cp … dev.codemill.bench.LicenseReadmeAgreement SITE_PACKAGES}
 */
public final class LicenseReadmeAgreement {
    private LicenseReadmeAgreement() {
    }

    public static void main(String[] args) throws IOException {
        Path site = Path.of(args[0]);
        int packages = 0;
        int declaredAny = 0;
        int mapped = 0;
        int withBody = 0;
        int readmeFound = 0;
        int compared = 0;
        int agree = 0;
        List<String> unmapped = new ArrayList<>();
        List<String> disagreements = new ArrayList<>();
        try (Stream<Path> s = Files.list(site).sorted()) {
            for (Path d : (Iterable<Path>) s::iterator) {
                Path meta = d.resolve("METADATA");
                if (!d.getFileName().toString().endsWith(".dist-info") || !Files.isRegularFile(meta)) {
                    continue;
                }
                packages++;
                String text = new String(Files.readAllBytes(meta), StandardCharsets.UTF_8).replace("\r\n", "\n");
                int blank = text.indexOf("\n\n");
                String headers = blank < 0 ? text : text.substring(0, blank);
                String body = blank < 0 ? "" : text.substring(blank + 2);
                String expr = null;
                String lic = null;
                List<String> classifiers = new ArrayList<>();
                for (String line : headers.split("\n")) {
                    if (line.startsWith("License-Expression:")) {
                        expr = line.substring(19).trim();
                    } else if (line.startsWith("License:")) {
                        lic = line.substring(8).trim();
                    } else if (line.startsWith("Classifier: License ::")) {
                        classifiers.add(line.substring(11).trim());
                    }
                }
                String raw = expr != null ? expr : lic != null && !lic.isEmpty() && !lic.equalsIgnoreCase("UNKNOWN") ? lic : null;
                SpdxExpression declared = raw == null ? null : LicenseNames.expression(raw);
                if (declared == null && !classifiers.isEmpty()) {
                    declared = LicenseNames.classifiers(classifiers);
                }
                boolean any = raw != null || !classifiers.isEmpty();
                if (any) {
                    declaredAny++;
                    if (declared != null) {
                        mapped++;
                    } else {
                        unmapped.add(d.getFileName() + ": " + (raw != null ? raw : classifiers));
                    }
                }
                if (body.isBlank()) {
                    continue;
                }
                withBody++;
                SpdxExpression readme = ReadmeLicense.find(body);
                if (readme == null) {
                    continue;
                }
                readmeFound++;
                if (declared != null) {
                    compared++;
                    if (set(readme).equals(set(declared))) {
                        agree++;
                    } else {
                        disagreements.add(d.getFileName() + ": declared " + declared.text() + " readme " + readme.text());
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "packages %d; declared licence %d, mapped to SPDX %d = %.3f; unmapped: %s%n",
                packages, declaredAny, mapped, (double) mapped / declaredAny, unmapped);
        System.out.printf(Locale.ROOT, "READMEs %d, licence found in %d = %.3f; agrees with declared %d/%d = %.3f; disagreements: %s%n",
                withBody, readmeFound, (double) readmeFound / withBody, agree, compared, (double) agree / compared, disagreements);
    }

    private static TreeSet<String> set(SpdxExpression e) {
        TreeSet<String> s = new TreeSet<>();
        e.licenses().forEach(id -> s.add(id.toLowerCase(Locale.ROOT)));
        return s;
    }
}
