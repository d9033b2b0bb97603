package dev.codemill.stages.dedup.near;

import dev.codemill.analysis.LeadingComments;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text that near-dedup leaves out of shingling, so that files sharing only boilerplate are not
 * clustered (on the JDK sources, one cluster held 1,680 small files whose only common text was
 * the GPL header):
 * <ul>
 *   <li>licence headers: each leading comment block ({@link LeadingComments}, comment syntax of
 *       the document's language) that holds licence wording ({@link #LICENCE_WORDING}: a
 *       copyright line, an SPDX tag, "licensed under", "all rights reserved", a licence name…);
 *       a leading comment without such wording (a module docstring) stays;</li>
 *   <li>declared boilerplate: every match, anywhere in the text, of the recipe's
 *       {@code boilerplate_patterns} (Java regular expressions).</li>
 * </ul>
 * Each excluded span becomes one line break, so tokens on both sides never join. A document left
 * with fewer tokens than the n-gram size is treated like a short document (no signature, exact
 * dedup only: case C01).
 */
public final class Boilerplate {
    /**
     * Licence wording in a header comment (case-insensitive): {@code Copyright}, {@code ©},
     * {@code (c) YEAR}, {@code SPDX-License-Identifier}, "licensed under", "under the terms of",
     * "permission is hereby granted", "all rights reserved", and the names of the common licence
     * texts (GNU (Lesser/Affero) General Public License, Apache License, MIT License, BSD, Mozilla
     * Public License, Eclipse Public License).
     */
    public static final Pattern LICENCE_WORDING = Pattern.compile("(?i)\\bcopyright\\b|©|\\(c\\)\\s*(?:19|20)\\d\\d"
            + "|spdx-license-identifier|licen[cs]ed\\s+under|under\\s+the\\s+terms\\s+of|permission\\s+is\\s+hereby\\s+granted"
            + "|all\\s+rights\\s+reserved|general\\s+public\\s+licen[cs]e|apache\\s+licen[cs]e|mit\\s+licen[cs]e"
            + "|\\bbsd\\b|mozilla\\s+public|eclipse\\s+public\\s+licen[cs]e");

    private final boolean licenceHeaders;
    private final List<Pattern> declared;

    /**
     * @param licenceHeaders leave out leading comment blocks with licence wording
     * @param declared       further boilerplate, every match left out
     */
    public Boilerplate(boolean licenceHeaders, List<Pattern> declared) {
        this.licenceHeaders = licenceHeaders;
        this.declared = List.copyOf(declared);
    }

    /** True when nothing is left out. */
    public boolean none() {
        return !licenceHeaders && declared.isEmpty();
    }

    /**
     * The text without its boilerplate.
     *
     * @param text     document text
     * @param language linguist language name, or null
     * @param path     the document's path (extension used when the language is unknown), or null
     * @return {@code text} itself when nothing is left out
     */
    public String strip(String text, String language, String path) {
        if (none()) {
            return text;
        }
        List<int[]> spans = new ArrayList<>();
        if (licenceHeaders) {
            for (LeadingComments.Block b : LeadingComments.of(text, language, path)) {
                if (LICENCE_WORDING.matcher(text).region(b.start(), b.end()).find()) {
                    spans.add(new int[] {b.start(), b.end()});
                }
            }
        }
        for (Pattern p : declared) {
            Matcher m = p.matcher(text);
            while (m.find()) {
                if (m.end() > m.start()) {
                    spans.add(new int[] {m.start(), m.end()});
                }
            }
        }
        if (spans.isEmpty()) {
            return text;
        }
        spans.sort((a, b) -> a[0] != b[0] ? Integer.compare(a[0], b[0]) : Integer.compare(a[1], b[1]));
        StringBuilder out = new StringBuilder(text.length());
        int pos = 0;
        for (int[] s : spans) {
            if (s[1] <= pos) {
                continue;
            }
            out.append(text, pos, Math.max(pos, s[0])).append('\n');
            pos = s[1];
        }
        out.append(text, pos, text.length());
        return out.toString();
    }
}
