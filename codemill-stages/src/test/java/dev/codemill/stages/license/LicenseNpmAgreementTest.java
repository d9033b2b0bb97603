package dev.codemill.stages.license;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Agreement of the licence detected from each npm package's LICENSE file with the licence its
 * package.json declares, on the packages bundled with the npm installed on this machine
 * ({@code /usr/lib/node_modules/npm/node_modules}, read in place). Skipped when npm is absent.
 */
class LicenseNpmAgreementTest {
    static final Path NPM = Path.of("/usr/lib/node_modules/npm/node_modules");

    @Test
    void detectedLicenceFileAgreesWithDeclaredLicence() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(NPM), "npm not installed");
        LicenseTextMatcher.get();
        int compared = 0;
        int agree = 0;
        long bytes = 0;
        long nanos = 0;
        List<String> disagreements = new ArrayList<>();
        try (Stream<Path> pkgs = Files.list(NPM).sorted()) {
            for (Path pkg : (Iterable<Path>) pkgs::iterator) {
                Path pj = pkg.resolve("package.json");
                if (!Files.isRegularFile(pj)) {
                    continue;
                }
                List<String> declared = PackageMetadata.licenses("package.json", Files.readString(pj));
                List<Path> files;
                try (Stream<Path> s = Files.list(pkg)) {
                    files = s.filter(p -> LicenseStage.isLicenseFile(p.getFileName().toString())).sorted().toList();
                }
                if (declared.isEmpty() || files.isEmpty()) {
                    continue;
                }
                String text = new String(Files.readAllBytes(files.get(0)), StandardCharsets.UTF_8);
                long t0 = System.nanoTime();
                LicenseTextMatcher.Match m = LicenseTextMatcher.get().match(text);
                nanos += System.nanoTime() - t0;
                bytes += text.length();
                compared++;
                String got = m == null ? "none" : m.id();
                if (declared.contains(got)) {
                    agree++;
                } else {
                    disagreements.add(pkg.getFileName() + ": declared " + declared + " detected " + got
                            + (m == null ? "" : " " + m.similarity()));
                }
            }
        }
        System.out.printf("npm agreement: %d/%d = %.3f; %.2f MB/s; disagreements: %s%n", agree, compared,
                (double) agree / compared, bytes / 1e6 / (nanos / 1e9), disagreements);
        assertThat(compared).isGreaterThan(50);
        assertThat((double) agree / compared).isGreaterThanOrEqualTo(0.98);
    }
}
