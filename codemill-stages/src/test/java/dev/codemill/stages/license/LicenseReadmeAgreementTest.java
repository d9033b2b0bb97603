package dev.codemill.stages.license;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * README evidence measured on real READMEs: the packages bundled with npm
 * ({@code /usr/lib/node_modules/npm/node_modules}, read in place), README licence vs the licence
 * their {@code package.json} declares. Coverage = share of READMEs where a licence is found;
 * agreement = share of those whose licence set equals the declared one. Skipped when npm is absent.
 */
class LicenseReadmeAgreementTest {
    static final Path NPM = Path.of("/usr/lib/node_modules/npm/node_modules");

    @Test
    void readmeLicenceAgreesWithPackageJson() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(NPM), "npm not installed");
        int readmes = 0;
        int found = 0;
        int agree = 0;
        List<String> disagreements = new ArrayList<>();
        try (Stream<Path> pkgs = Files.list(NPM).sorted()) {
            for (Path pkg : (Iterable<Path>) pkgs::iterator) {
                Path pj = pkg.resolve("package.json");
                if (!Files.isRegularFile(pj)) {
                    continue;
                }
                SpdxExpression declared = PackageMetadata.read("package.json", Files.readString(pj)).expression();
                Path readme;
                try (Stream<Path> s = Files.list(pkg)) {
                    readme = s.filter(p -> ReadmeLicense.isReadme(p.getFileName().toString())).sorted().findFirst().orElse(null);
                }
                if (declared == null || readme == null) {
                    continue;
                }
                readmes++;
                SpdxExpression got = ReadmeLicense.find(Files.readString(readme));
                if (got == null) {
                    continue;
                }
                found++;
                if (set(got).equals(set(declared))) {
                    agree++;
                } else {
                    disagreements.add(pkg.getFileName() + ": declared " + declared.text() + " readme " + got.text());
                }
            }
        }
        System.out.printf("npm README evidence: %d READMEs, licence found in %d (%.3f), agrees with package.json %d/%d = %.3f;"
                + " disagreements: %s%n", readmes, found, (double) found / readmes, agree, found, (double) agree / found, disagreements);
        assertThat(readmes).isGreaterThan(10);
        assertThat((double) agree / found).isGreaterThanOrEqualTo(0.95);
    }

    private static TreeSet<String> set(SpdxExpression e) {
        TreeSet<String> s = new TreeSet<>();
        e.licenses().forEach(id -> s.add(id.toLowerCase(Locale.ROOT)));
        return s;
    }
}
