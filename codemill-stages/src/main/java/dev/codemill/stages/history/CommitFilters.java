package dev.codemill.stages.history;

import dev.codemill.model.Document;
import dev.codemill.model.HistoryKeys;
import dev.codemill.stage.Verdict;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The commit filters of branch {@code commit_pairs}, read as data from
 * {@code codemill/history/commit_filters.tsv} (rule, kind, argument; CommitPackFT's rules) and the
 * verb list {@code codemill/history/commit_verbs.txt}. {@link #firstFailing} applies them in file
 * order and returns the first one a commit change fails, or null when it passes all.
 */
public final class CommitFilters {
    /** Resource folder of the data files. */
    static final String FOLDER = "codemill/history/";

    /** One rule: its name (the ledger rule), kind and argument. */
    record Rule(String name, String kind, String argument, Pattern regex) {
    }

    private final List<Rule> rules;
    private final Set<String> verbs;
    private final long maxFiles;
    private final long maxOldBytes;

    /**
     * @param maxFiles    most files a commit may change ({@code too_many_files}); CommitPackFT keeps 1
     * @param maxOldBytes most UTF-8 bytes of the file before the commit ({@code old_too_large})
     */
    public CommitFilters(long maxFiles, long maxOldBytes) {
        this.rules = List.copyOf(parseRules(lines("commit_filters.tsv")));
        this.verbs = Set.copyOf(lowerCase(lines("commit_verbs.txt")));
        this.maxFiles = maxFiles;
        this.maxOldBytes = maxOldBytes;
    }

    /** Rule names in order. */
    public List<String> ruleNames() {
        return rules.stream().map(Rule::name).toList();
    }

    /** The verdict of the first rule {@code change} (a commit-change record) fails, or null. */
    public Verdict firstFailing(Document change) {
        String subject = nz(change.get(HistoryKeys.SUBJECT));
        String body = nz(change.get(HistoryKeys.BODY));
        String oldText = nz(change.get(HistoryKeys.OLD_CONTENT));
        String newText = nz(change.text());
        for (Rule r : rules) {
            Verdict v = switch (r.kind()) {
                case "merge" -> nz(change.get(HistoryKeys.PARENTS)).size() > 1
                        ? Verdict.of(r.name(), "merge commit (" + change.get(HistoryKeys.PARENTS).size() + " parents)") : null;
                case "subject_regex" -> r.regex().matcher(subject).find()
                        ? Verdict.of(r.name(), "subject matches " + r.name() + ": " + clip(subject)) : null;
                case "message_regex" -> r.regex().matcher(subject + "\n\n" + body).find()
                        ? Verdict.of(r.name(), "message matches " + r.name()) : null;
                case "subject_chars" -> subjectChars(r, subject);
                case "subject_min_words" -> words(subject).size() < Integer.parseInt(r.argument())
                        ? Verdict.of(r.name(), "subject has fewer than " + r.argument() + " words", words(subject).size(),
                        Integer.parseInt(r.argument())) : null;
                case "first_word_in" -> firstWordIsVerb(subject) ? null
                        : Verdict.of(r.name(), "subject does not start with an imperative verb: " + clip(subject));
                case "max_files" -> nz(change.get(HistoryKeys.COMMIT_FILES)) > maxFiles
                        ? Verdict.of(r.name(), "commit changes more files than max_files", change.get(HistoryKeys.COMMIT_FILES), maxFiles) : null;
                case "max_old_bytes" -> utf8Length(oldText) > maxOldBytes
                        ? Verdict.of(r.name(), "file before the commit is larger than max_old_bytes", utf8Length(oldText), maxOldBytes) : null;
                case "new_empty" -> newText.isBlank() ? Verdict.of(r.name(), "file after the commit is empty (deleted or blanked)") : null;
                case "unchanged" -> oldText.equals(newText) ? Verdict.of(r.name(), "content unchanged (a pure rename or mode change)") : null;
                default -> throw new IllegalStateException("unknown filter kind " + r.kind());
            };
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static Verdict subjectChars(Rule r, String subject) {
        String[] mm = r.argument().split("-");
        int min = Integer.parseInt(mm[0]);
        int max = Integer.parseInt(mm[1]);
        int n = subject.codePointCount(0, subject.length());
        if (n < min || n > max) {
            return Verdict.of(r.name(), "subject is " + n + " characters, outside " + r.argument(), n, r.argument());
        }
        return null;
    }

    /** Whether the subject's first word (after an optional {@code scope:} prefix such as {@code io:}) is a listed verb. */
    boolean firstWordIsVerb(String subject) {
        List<String> w = words(subject.replaceFirst("^\\s*[\\w./-]{1,40}(\\([^)]{0,40}\\))?!?:\\s+", ""));
        return !w.isEmpty() && verbs.contains(w.get(0).toLowerCase(Locale.ROOT).replaceAll("[^a-z]", ""));
    }

    static List<String> words(String s) {
        List<String> out = new ArrayList<>();
        for (String w : s.strip().split("\\s+")) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }

    static long utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static String clip(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "…";
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static long nz(Long v) {
        return v == null ? 0 : v;
    }

    private static <T> List<T> nz(List<T> v) {
        return v == null ? List.of() : v;
    }

    private static List<Rule> parseRules(List<String> lines) {
        List<Rule> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (String line : lines) {
            String[] f = line.split("\t", -1);
            String arg = f.length > 2 ? f[2] : "";
            if (!names.add(f[0])) {
                throw new IllegalStateException("commit_filters.tsv: rule " + f[0] + " twice");
            }
            out.add(new Rule(f[0], f[1], arg, f[1].endsWith("_regex") ? Pattern.compile(arg) : null));
        }
        return out;
    }

    private static List<String> lowerCase(List<String> in) {
        return in.stream().map(s -> s.strip().toLowerCase(Locale.ROOT)).toList();
    }

    /** Non-blank lines of a resource that are not {@code #} comments. */
    static List<String> lines(String name) {
        try (InputStream in = CommitFilters.class.getClassLoader().getResourceAsStream(FOLDER + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + FOLDER + name);
            }
            List<String> out = new ArrayList<>();
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String l = r.readLine(); l != null; l = r.readLine()) {
                if (!l.isBlank() && !l.startsWith("#")) {
                    out.add(l);
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
