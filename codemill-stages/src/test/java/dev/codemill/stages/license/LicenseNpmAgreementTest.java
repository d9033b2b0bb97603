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
        long load0 = System.nanoTime();
        LicenseTextMatcher.get();
        double loadSeconds = (System.nanoTime() - load0) / 1e9;
        List<String> texts = new ArrayList<>();
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
                texts.add(text);
                LicenseTextMatcher.Match m = LicenseTextMatcher.get().match(text);
                compared++;
                String got = m == null ? "none" : m.id();
                List<String> all = LicenseTextMatcher.get().matchAll(text).stream().map(LicenseTextMatcher.Match::id).toList();
                if (all.size() > 1) {
                    System.out.println("several: " + pkg.getFileName() + " " + all);
                }
                if (declared.contains(got) || all.containsAll(declared)) {
                    agree++;
                } else {
                    disagreements.add(pkg.getFileName() + ": declared " + declared + " detected " + got
                            + (m == null ? "" : " " + m.similarity()));
                }
            }
        }
        for (int round = 0; round < 5; round++) { // warm, then time the last round
            long t0 = System.nanoTime();
            bytes = 0;
            for (String t : texts) {
                LicenseTextMatcher.get().match(t);
                bytes += t.length();
            }
            nanos = System.nanoTime() - t0;
        }
        System.out.printf("npm agreement: %d/%d = %.3f; licence list load %.2f s; matching %.2f MB/s, %.2f ms per file;"
                + " disagreements: %s%n", agree, compared, (double) agree / compared, loadSeconds, bytes / 1e6 / (nanos / 1e9),
                nanos / 1e6 / texts.size(), disagreements);
        assertThat(compared).isGreaterThan(50);
        assertThat((double) agree / compared).isGreaterThanOrEqualTo(0.98);
    }
}
