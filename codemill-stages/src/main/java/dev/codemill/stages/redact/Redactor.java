package dev.codemill.stages.redact;

import dev.codemill.analysis.ReusableChars;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Finds and replaces PII and secrets in a text. Thread-safe and deterministic.
 *
 * <p>Detectors ({@link #TYPES}): {@code email}, {@code url_password} ({@link EmailScanner});
 * {@code ipv4}, {@code ipv6} ({@link IpScanner}); {@code private_key} ({@link PrivateKeyScanner});
 * {@code private_key_base64} ({@link EncodedKeyScanner}); the known token formats of
 * {@code tokens.tsv} ({@link TokenPatterns}); {@code basic_auth}, {@code bearer_token},
 * {@code cli_password} ({@link CredentialScanner}); {@code password},
 * {@code generic_secret} ({@link SecretNameScanner}). Each replaces only the secret span, so a
 * value inside a string literal stays inside its quotes.
 *
 * <p>When spans overlap, the one that starts first wins, then the longer, then the more specific
 * detector (private key, known token, URL password and HTTP/command-line credentials, e-mail, IP,
 * generic).
 */
public final class Redactor {
    /** Every detector type, in the order of {@code types} listings. */
    public static final List<String> TYPES = Stream.of(
            Stream.of("email", "url_password", "ipv4", "ipv6", "private_key", "private_key_base64"),
            TokenPatterns.types().stream(),
            Stream.of("basic_auth", "bearer_token", "cli_password", "password", "generic_secret")).flatMap(s -> s).distinct().toList();

    /**
     * Options.
     *
     * @param types             enabled detector types (subset of {@link #TYPES})
     * @param redactPrivateIps  also replace private, loopback, link-local and reserved addresses
     * @param keepDocumentationIps keep addresses of the RFC 5737 / RFC 3849 documentation ranges
     * @param entropyThreshold  minimum Shannon entropy of a generic secret, bits per character
     * @param minSecretLength   minimum length of a generic secret, characters
     * @param seed              hash seed of IP replacements
     */
    public record Options(Set<String> types, boolean redactPrivateIps, boolean keepDocumentationIps,
                          double entropyThreshold, int minSecretLength, long seed) {
        public Options {
            types = Set.copyOf(types);
            for (String t : types) {
                if (!TYPES.contains(t)) {
                    throw new IllegalArgumentException("unknown redaction type " + t);
                }
            }
        }

        /** All detectors, private and documentation IPs kept, entropy 3.0 bits, 12 characters, seed 0. */
        public static Options defaults() {
            return new Options(Set.copyOf(TYPES), false, true, 3.0, 12, 0L);
        }
    }

    /**
     * Result of {@link #redact}.
     *
     * @param text     the text with every finding replaced (the same instance when nothing was found)
     * @param findings the applied spans, in text order, positions in the input text
     * @param counts   counted redactions per type, sorted by type name; empty when none
     */
    public record Result(String text, List<Finding> findings, SortedMap<String, Integer> counts) {
        public int total() {
            return counts.values().stream().mapToInt(Integer::intValue).sum();
        }

        /** {@code email=2 ipv4=1}: counts in type-name order. */
        public String detail() {
            return counts.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
        }
    }

    /** A thread's reused array for the text's chars. */
    private static final ThreadLocal<ReusableChars> CHARS = ThreadLocal.withInitial(() -> new ReusableChars(4096));

    private final Options options;
    private final IpScanner ips;
    private final SecretNameScanner secrets;
    private final CredentialScanner credentials;

    public Redactor(Options options) {
        this.options = options;
        this.ips = new IpScanner(options.redactPrivateIps(), options.keepDocumentationIps(), options.seed());
        this.secrets = new SecretNameScanner(options.entropyThreshold(), options.minSecretLength());
        this.credentials = new CredentialScanner(secrets);
    }

    public Options options() {
        return options;
    }

    /** All findings, overlaps resolved, in text order. */
    public List<Finding> find(String text) {
        Set<String> on = options.types();
        List<Finding> all = new ArrayList<>();
        // the text's chars, copied once for the scanners' loops (no charAt/indexOf per char under C1)
        char[] a = CHARS.get().of(text);
        if (on.contains("private_key")) {
            PrivateKeyScanner.scan(text, all);
        }
        if (on.contains("private_key_base64")) {
            EncodedKeyScanner.scan(text, all);
        }
        TokenPatterns.scan(text, a, on, all);
        if (on.contains("basic_auth") || on.contains("bearer_token") || on.contains("cli_password")) {
            credentials.scan(text, a, on.contains("basic_auth"), on.contains("bearer_token"), on.contains("cli_password"), all);
        }
        if (on.contains("email") || on.contains("url_password")) {
            EmailScanner.scan(text, on.contains("email"), on.contains("url_password"), all);
        }
        if (on.contains("ipv4")) {
            ips.scanV4(text, a, all);
        }
        if (on.contains("ipv6")) {
            ips.scanV6(text, a, all);
        }
        if (on.contains("password") || on.contains("generic_secret")) {
            secrets.scan(text, a, on.contains("password"), on.contains("generic_secret"), all);
        }
        if (all.isEmpty()) {
            return List.of();
        }
        all.sort(Comparator.comparingInt(Finding::start).thenComparing(Comparator.comparingInt(Finding::end).reversed())
                .thenComparingInt(Finding::priority));
        List<Finding> kept = new ArrayList<>();
        int end = 0;
        for (Finding f : all) {
            if (f.start() >= end) {
                kept.add(f);
                end = f.end();
            }
        }
        return Collections.unmodifiableList(kept);
    }

    public Result redact(String text) {
        List<Finding> found = find(text);
        if (found.isEmpty()) {
            return new Result(text, List.of(), new TreeMap<>());
        }
        StringBuilder sb = new StringBuilder(text.length());
        SortedMap<String, Integer> counts = new TreeMap<>();
        int at = 0;
        for (Finding f : found) {
            sb.append(text, at, f.start()).append(f.replacement());
            at = f.end();
            if (f.counted()) {
                counts.merge(f.type(), 1, Integer::sum);
            }
        }
        sb.append(text, at, text.length());
        return new Result(sb.toString(), found, counts);
    }
}
