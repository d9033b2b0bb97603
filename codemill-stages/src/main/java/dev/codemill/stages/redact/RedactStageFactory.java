package dev.codemill.stages.redact;

import dev.codemill.stage.Params;
import dev.codemill.stage.RecipeException;
import dev.codemill.stage.Stage;
import dev.codemill.stage.StageFactory;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Recipe type {@code redact}. Parameters:
 * <ul>
 *   <li>{@code types} — detector types to run (default: all of {@link Redactor#TYPES});</li>
 *   <li>{@code redact_private_ips} — also replace private/loopback/reserved addresses (default false,
 *       BigCode keeps them);</li>
 *   <li>{@code keep_documentation_ips} — keep RFC 5737/3849 documentation addresses (default true:
 *       they name no one, and redacted output, which uses them, stays unchanged when redacted again;
 *       case C17 turns it off because it uses them as stand-ins for real addresses);</li>
 *   <li>{@code entropy_threshold} — generic secrets: minimum Shannon entropy, bits per character,
 *       0..8 (default 3.0, detect-secrets' hex-string limit);</li>
 *   <li>{@code min_secret_length} — generic secrets: minimum length in characters, 1..256 (default 12).</li>
 * </ul>
 * IP replacements are seeded with the recipe seed.
 */
public final class RedactStageFactory implements StageFactory {
    @Override
    public String name() {
        return RedactStage.NAME;
    }

    @Override
    public String description() {
        return "redact e-mails, IPs, private keys, API tokens and assigned secrets (BigCode placeholders)";
    }

    @Override
    public Stage create(Params params) {
        Redactor.Options d = Redactor.Options.defaults();
        List<String> types = params.strings("types", Redactor.TYPES);
        Set<String> set = new LinkedHashSet<>();
        for (String t : types) {
            if (!Redactor.TYPES.contains(t)) {
                throw RecipeException.unknownKey("stage 'redact' key 'types' values", t, Redactor.TYPES);
            }
            set.add(t);
        }
        return new RedactStage(new Redactor(new Redactor.Options(set,
                params.bool("redact_private_ips", d.redactPrivateIps()),
                params.bool("keep_documentation_ips", d.keepDocumentationIps()),
                params.number("entropy_threshold", d.entropyThreshold(), 0, 8),
                (int) params.integer("min_secret_length", d.minSecretLength(), 1, 256),
                params.seed())));
    }
}
