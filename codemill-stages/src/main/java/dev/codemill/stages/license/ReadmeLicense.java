package dev.codemill.stages.license;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The licence a README states (the weakest local evidence, used only when no licence file or
 * manifest declares one). Read, in this order:
 * <ol>
 *   <li>an {@code SPDX-License-Identifier:} line anywhere in the first {@link SpdxHeader#MAX_LINES} lines;</li>
 *   <li>a {@code License:} / {@code Licence:} line (any case, optional list marker or bold);</li>
 *   <li>the body of a licence section: a Markdown ATX heading ({@code ## License}, {@code # Licensing}),
 *       a setext or reStructuredText heading ({@code License} underlined by {@code ===}/{@code ---}/{@code ~~~}),
 *       up to the next heading or {@link #MAX_SECTION_CHARS} characters;</li>
 *   <li>anywhere: a sentence "licensed / released / distributed / available under (the terms of)
 *       …", or "… MIT-licensed" / "Apache2 licensed".</li>
 * </ol>
 * A {@code Free software: BSD 2-Clause License} line counts as a {@code License:} line.
 * In a section, licence names are looked up phrase by phrase ({@link LicenseNames}: SPDX ids,
 * table names such as "Apache License, Version 2.0", URLs); several names are a choice (OR) when
 * the section says so ("either", "at your option", "dual", "/" or "or" between them), else all
 * apply (AND). Fenced code blocks are skipped. A README file is {@code README}, {@code README.md},
 * {@code README.rst}, {@code README.txt}, … (any case).
 */
public final class ReadmeLicense {
    /** Characters of a licence section read after its heading. */
    public static final int MAX_SECTION_CHARS = 1500;
    /** Longest phrase, in words, looked up in the name table. */
    private static final int MAX_PHRASE_WORDS = 9;
    private static final Pattern README = Pattern.compile("(?i)readme(?:\\.(?:md|markdown|rst|txt|adoc|org))?");
    private static final Pattern ATX = Pattern.compile("(?im)^#{1,6}[ \\t]*(?:[^\\w\\s]+[ \\t]*)?(?:licen[cs]e|licen[cs]ing|copyright and licen[cs]e|licen[cs]e and copyright)[ \\t]*#*[ \\t]*$");
    private static final Pattern SETEXT = Pattern.compile("(?im)^(?:licen[cs]e|licen[cs]ing)[ \\t]*\\n[=\\-~^*]{3,}[ \\t]*$");
    private static final Pattern NEXT_HEADING = Pattern.compile("(?m)^(?:#{1,6}[ \\t]|.+\\n[=\\-~^*]{3,}[ \\t]*$)");
    private static final Pattern LINE = Pattern.compile("(?im)^[ \\t]*(?:[-*+][ \\t]+)?(?:\\*\\*|__)?(?:licen[cs]e|free software)(?:\\*\\*|__)?[ \\t]*:(?:\\*\\*|__)?[ \\t]*(.+?)[ \\t]*$");
    private static final Pattern UNDER = Pattern.compile(
            "(?i)\\b(?:licen[cs]ed|released|distributed|available)\\s+under\\s+(?:the\\s+)?(?:terms\\s+of\\s+(?:the\\s+)?)?([^\\n;]{1,120})");
    private static final Pattern X_LICENSED = Pattern.compile("(?i)\\b([A-Za-z0-9.\\-]+(?: [A-Za-z0-9.\\-]+)?)[- ]licen[cs]ed\\b");
    private static final Pattern FENCE = Pattern.compile("(?ms)^```.*?^```[ \\t]*$|^~~~.*?^~~~[ \\t]*$");
    private static final Pattern CHOICE = Pattern.compile("(?i)\\beither\\b|at your option|\\bdual[- ]licen|your choice|\\bchoose\\b");
    private static final Pattern WORD = Pattern.compile("https?://[^\\s)\\]>\"']+|[A-Za-z0-9][A-Za-z0-9.+\\-]*");

    private static final Pattern SLASH = Pattern.compile("[a-z0-9.\\-]\\s*/\\s*[a-z0-9]");
    /** One-word SPDX ids without a digit or hyphen that count in prose; others are too common as words (Vim, Intel, JSON). */
    private static final java.util.Set<String> BARE_IDS = java.util.Set.of("MIT", "ISC", "Unlicense", "WTFPL", "Zlib", "Beerware");

    private ReadmeLicense() {
    }

    /** Whether a file name is a README. */
    public static boolean isReadme(String fileName) {
        return README.matcher(fileName).matches();
    }

    /** The expression the README states, or null. */
    public static SpdxExpression find(String text) {
        String t = FENCE.matcher(text.replace("\r\n", "\n")).replaceAll("");
        SpdxExpression tag = SpdxHeader.find(t);
        if (tag != null) {
            return tag;
        }
        Matcher line = LINE.matcher(t);
        while (line.find()) {
            SpdxExpression e = LicenseNames.expression(line.group(1).replaceAll("[*_`.]+$", "").replaceAll("^[*_`]+", ""));
            if (e == null) {
                e = names(line.group(1));
            }
            if (e != null) {
                return e;
            }
        }
        for (Pattern heading : List.of(ATX, SETEXT)) {
            Matcher h = heading.matcher(t);
            if (h.find()) {
                String rest = t.substring(h.end());
                Matcher next = NEXT_HEADING.matcher(rest);
                int end = next.find() ? next.start() : rest.length();
                SpdxExpression e = names(rest.substring(0, Math.min(end, MAX_SECTION_CHARS)));
                if (e != null) {
                    return e;
                }
            }
        }
        for (Pattern sentence : List.of(UNDER, X_LICENSED)) {
            Matcher m = sentence.matcher(t);
            while (m.find()) {
                SpdxExpression e = names(m.group(1));
                if (e != null) {
                    return e;
                }
            }
        }
        return null;
    }

    /** Licence names in a piece of prose, joined by OR when it states a choice, else AND; null when none. */
    static SpdxExpression names(String section) {
        List<String> words = new ArrayList<>();
        Matcher w = WORD.matcher(section.replaceAll("(?i)-licen[cs]ed", " licensed"));
        while (w.find()) {
            words.add(w.group().replaceAll("[.]+$", ""));
        }
        List<SpdxExpression> found = new ArrayList<>();
        for (int i = 0; i < words.size(); ) {
            int matched = 0;
            for (int n = Math.min(MAX_PHRASE_WORDS, words.size() - i); n >= 1 && matched == 0; n--) {
                String phrase = String.join(" ", words.subList(i, i + n));
                SpdxExpression e = phrase(phrase, n);
                if (e != null) {
                    found.add(e);
                    matched = n;
                }
            }
            i += Math.max(1, matched);
        }
        if (found.isEmpty()) {
            return null;
        }
        String prose = section.replaceAll("https?://\\S+", " ").toLowerCase(Locale.ROOT);
        boolean choice = found.size() > 1 && (CHOICE.matcher(prose).find() || prose.contains(" or ")
                || SLASH.matcher(prose).find());
        return choice ? SpdxExpression.or(found) : SpdxExpression.and(found);
    }

    private static SpdxExpression phrase(String phrase, int n) {
        if (phrase.startsWith("http")) {
            String id = LicenseNames.fromUrl(phrase);
            return id == null ? null : SpdxExpression.parse(id);
        }
        if (n == 1) {
            // one word: an SPDX id as written (case-sensitive list spelling, so the word "mit" in prose is not MIT)
            SpdxLicenseList.Entry e = SpdxLicenseList.get().byId(phrase.endsWith("+") ? phrase.substring(0, phrase.length() - 1) : phrase);
            if (e != null && e.id().equals(phrase.replaceAll("\\+$", "")) && !e.deprecated()
                    && (BARE_IDS.contains(e.id()) || e.id().matches(".*[0-9-].*"))) {
                return SpdxExpression.parse(phrase);
            }
            // one word with a digit may be a table name: Apache2, GPLv3, LGPLv2+
            String id = phrase.matches(".*[0-9].*") ? LicenseNames.name(phrase) : null;
            return id == null ? null : SpdxExpression.parse(id);
        }
        String id = LicenseNames.name(phrase);
        return id == null ? null : SpdxExpression.parse(id);
    }
}
