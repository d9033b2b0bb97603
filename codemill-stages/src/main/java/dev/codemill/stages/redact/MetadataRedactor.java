package dev.codemill.stages.redact;

import dev.codemill.run.TextRedactor;
import java.util.List;
import java.util.Set;

/**
 * The {@link TextRedactor} of a run (registered through {@code META-INF/services}): the
 * {@link Redactor}'s secret detectors with their defaults, applied to ids, repository names,
 * paths and ledger texts. PII detectors ({@code email}, {@code ipv4}, {@code ipv6}) are left out:
 * a path such as {@code tests/data/8.8.8.8.txt} or {@code docs/alice@example.org.md} names a file, and
 * rewriting it would change what later stages (language, vendored, license) read from the path;
 * a secret is never a name a stage needs. Each {@code /}-separated segment is also scanned alone,
 * so {@code keys/AKIA….pem} is found although the token rules refuse a token after {@code /}.
 */
public final class MetadataRedactor implements TextRedactor {
    /** Detector types applied to metadata: every type except the PII ones. */
    public static final Set<String> TYPES = Set.copyOf(Redactor.TYPES.stream()
            .filter(t -> !List.of("email", "ipv4", "ipv6").contains(t)).toList());

    private final Redactor redactor;

    public MetadataRedactor() {
        Redactor.Options d = Redactor.Options.defaults();
        this.redactor = new Redactor(new Redactor.Options(TYPES, d.redactPrivateIps(), d.keepDocumentationIps(),
                d.entropyThreshold(), d.minSecretLength(), d.seed()));
    }

    @Override
    public String redact(String text) {
        if (text == null || text.length() < 8) {
            return text; // no detector matches under 8 characters (tokens are 20+, a password needs its name)
        }
        String whole = redactor.redact(text).text();
        if (whole.indexOf('/') < 0) {
            return whole;
        }
        // Token rules refuse a '/' before a token (base64 runs hold '/'); in a path or repository
        // name it separates names, so each segment is scanned on its own as well.
        String[] parts = whole.split("/", -1);
        boolean changed = false;
        for (int i = 0; i < parts.length; i++) {
            String r = parts[i].length() < 8 ? parts[i] : redactor.redact(parts[i]).text();
            changed |= r != parts[i];
            parts[i] = r;
        }
        return changed ? String.join("/", parts) : whole;
    }
}
