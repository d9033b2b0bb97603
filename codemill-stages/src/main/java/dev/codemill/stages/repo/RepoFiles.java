package dev.codemill.stages.repo;

import dev.codemill.stages.analysis.lang.Languages;
import dev.codemill.model.Document;
import dev.codemill.model.Keys;
import dev.codemill.stage.Emitter;
import dev.codemill.stage.Verdict;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The decoded files of one repository group as {@link SourceFile}s, for the repository stages.
 * A file's key is its path (the document id when the path is empty; {@code PATH#ID} for a second
 * file with the same path); its language is the {@code language} annotation, else guessed from the
 * extension. Documents without text are dropped on the way with rule {@code not_decoded}.
 *
 * @param files    in input order
 * @param byPath   the same files by key, in path order
 * @param docOf    each key's document
 */
record RepoFiles(List<SourceFile> files, Map<String, SourceFile> byPath, Map<String, Document> docOf) {
    /**
     * @param why the detail of a {@code not_decoded} drop, e.g. "repository samples need decoded text"
     */
    static RepoFiles of(List<Document> docs, Emitter out, String notDecodedRule, String why) {
        List<SourceFile> files = new ArrayList<>();
        Map<String, SourceFile> byPath = new TreeMap<>();
        Map<String, Document> docOf = new TreeMap<>();
        Set<String> seen = new HashSet<>();
        for (Document d : docs) {
            if (d.text() == null) {
                out.drop(d, Verdict.of(notDecodedRule, why));
                continue;
            }
            String path = d.source().path().isEmpty() ? d.id().value() : d.source().path();
            if (!seen.add(path)) {
                path = path + "#" + d.id().value();
                seen.add(path);
            }
            String lang = d.get(Keys.LANGUAGE);
            if (lang == null) {
                lang = importLanguage(path);
            }
            SourceFile f = new SourceFile(path, lang, d.text());
            files.add(f);
            byPath.put(path, f);
            docOf.put(path, d);
        }
        return new RepoFiles(files, byPath, docOf);
    }

    /**
     * The language of a file without a {@code language} annotation: the registry's language of its
     * extension ({@link Languages#byExtension}) when the import graph understands it
     * ({@link ImportExtractor#LANGUAGES}), else null.
     */
    static String importLanguage(String path) {
        String lang = Languages.byExtension(path);
        return lang != null && ImportExtractor.LANGUAGES.contains(lang) ? lang : null;
    }
}
