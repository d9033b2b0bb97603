package dev.codemill.stages.debug;

import dev.codemill.model.Annotations;
import dev.codemill.model.DocId;
import dev.codemill.model.Document;
import dev.codemill.model.Keys;
import dev.codemill.model.Seeds;
import dev.codemill.model.SourceRef;
import dev.codemill.stage.DocStage;
import dev.codemill.stage.Emitter;
import dev.codemill.stage.Verdict;
import dev.codemill.stages.analysis.syntax.SyntaxTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Error → fix pairs ({@code docs/tasks.md}, "Debug pairs"): plants bugs into each Python, Java or
 * JavaScript file with the {@link Mutator} (seeded per document id) and lets the real toolchain
 * judge every mutant ({@link Judges}); a mutant is kept only when the tool printed a real,
 * non-empty error. Meant for a branch ({@code --debug-pairs} adds {@code {name: debug_pairs,
 * stages: [{type: debug_pairs}]}}), whose {@code data/} then holds one record per kept mutant.
 *
 * <p>Outcomes: every kept mutant is {@link Emitter#emit emitted} with id {@link #pairId}, rule
 * {@value #RULE}, value = the operator, detail = the error; sources = the file's id. Each input is
 * then {@link Emitter#consume consumed} with rule {@value #SOURCE}, value = the number of pairs,
 * and for 0 a detail naming why ({@code no_grammar}, {@code parse_errors}, {@code too_large},
 * {@code no_sites}, {@code original_does_not_compile}, {@code sandbox_unavailable: …},
 * {@code no_error}); a file the sandbox failed on is quarantined with rule {@value #JUDGE_FAILED}.
 *
 * <p>Record: {@code content} = the mutant; annotations {@code language}, {@code original},
 * {@code diff}, {@code operator}, {@code mutation}, {@code error_kind}, {@code error_message},
 * {@code error_line}, {@code error_file}, {@code tool}, {@code tool_version}, {@code tool_command}, {@code source_id}
 * ({@link DebugKeys}) and the file's licence/star annotations. Metrics: {@code files},
 * {@code files_judged}, {@code mutants}, {@code pairs}, {@code mutants.OP}, {@code pairs.OP},
 * {@code mutants.LANGUAGE.OP}, {@code pairs.LANGUAGE.OP}, {@code pairs.KIND}, {@code mode.MODE} (how Python files
 * were judged), {@code sandbox_starts}, {@code executions} (programs run, forked runs included),
 * {@code sandbox_cpu_ms} (CPU of the sandboxed Python runs), {@code jvm_cpu_ms} (the stage thread's CPU).
 *
 * <p>Sites are drawn only where the judge can see a bug ({@link Judges#sites}): lines a passing traced run of
 * the original executed (Python), code a script run reaches (JavaScript), operators javac can refuse (Java).
 */
public final class DebugPairsStage implements DocStage {
    public static final String NAME = "debug_pairs";
    public static final String RULE = "debug_pair";
    public static final String SOURCE = "debug_pairs_source";
    public static final String JUDGE_FAILED = "judge_failed";

    private final Mutator mutator;
    private final Judges judges;
    private final long seed;
    private final int perOperator;
    private final int maxBytes;

    DebugPairsStage(Mutator mutator, Judges judges, long seed, int perOperator, int maxBytes) {
        this.mutator = Objects.requireNonNull(mutator, "mutator");
        this.judges = Objects.requireNonNull(judges, "judges");
        this.seed = seed;
        this.perOperator = perOperator;
        this.maxBytes = maxBytes;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Id of a pair: {@link DocId#of} of {@code debug_pairs/SOURCE_ID/OPERATOR/START-END}. */
    public static DocId pairId(DocId source, Mutant m) {
        return DocId.of("debug_pairs/" + source.value() + "/" + m.operator().label() + "/" + m.start() + "-" + m.end());
    }

    @Override
    public void process(Document doc, Emitter out) {
        dev.codemill.stages.analysis.exec.StageCpu.counted(out, () -> processTimed(doc, out));
    }

    private void processTimed(Document doc, Emitter out) {
        out.count("files", 1);
        String language = doc.get(Keys.LANGUAGE);
        String text = doc.text();
        if (text == null || language == null || !Mutator.supports(language)) {
            none(doc, out, "no_grammar");
            return;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > maxBytes) {
            none(doc, out, "too_large");
            return;
        }
        SyntaxTree tree = Mutator.parse(text, language);
        if (tree == null) {
            none(doc, out, "parse_errors");
            return;
        }
        Judges.Prepared prepared;
        try {
            prepared = judges.prepare(language, doc.source().path(), text);
        } catch (IOException e) {
            out.quarantine(doc, new Verdict(JUDGE_FAILED, "the sandboxed toolchain failed: " + e.getMessage(), "", "", ""));
            return;
        }
        if (prepared.python() != null) {
            out.count("sandbox_cpu_ms", Math.round(prepared.python().cpuSeconds() * 1000));
            out.count("sandbox_starts", prepared.python().starts());
            out.count("executions", prepared.python().runs());
        }
        if (prepared.skipped() != null) {
            none(doc, out, prepared.skipped());
            return;
        }
        // only sites whose bug the judge can see: lines a passing run executed (Python), code a script run
        // reaches (JavaScript), operators javac can refuse (Java)
        List<Mutant> mutants = mutator.draw(tree, language, Seeds.rngFor(seed, DebugKeys.SEED_PURPOSE, doc.id()), perOperator,
                judges.sites(prepared, tree, bytes));
        if (mutants.isEmpty()) {
            none(doc, out, "no_sites");
            return;
        }
        List<String> texts = new ArrayList<>();
        for (Mutant m : mutants) {
            texts.add(m.apply(bytes));
        }
        Judges.Outcome o;
        try {
            o = judges.judge(prepared, mutants, texts);
        } catch (IOException e) {
            out.quarantine(doc, new Verdict(JUDGE_FAILED, "the sandboxed toolchain failed: " + e.getMessage(), "", "", ""));
            return;
        }
        if (prepared.python() != null) {
            // the plan's own cost was counted above
            out.count("sandbox_cpu_ms", Math.round((o.sandboxCpuSeconds() - prepared.python().cpuSeconds()) * 1000));
            out.count("sandbox_starts", o.sandboxStarts() - prepared.python().starts());
            out.count("executions", o.executions() - prepared.python().runs());
            out.count("mode." + prepared.python().mode().label, 1);
        }
        if (o.skipped() != null) {
            none(doc, out, o.skipped());
            return;
        }
        out.count("files_judged", 1);
        int kept = 0;
        for (int i = 0; i < mutants.size(); i++) {
            Mutant m = mutants.get(i);
            Judgement j = o.judgements().get(i);
            out.count("mutants", 1);
            out.count("mutants." + m.operator().label(), 1);
            out.count("mutants." + language + "." + m.operator().label(), 1);
            if (j == null) {
                continue;
            }
            out.count("pairs", 1);
            out.count("pairs." + m.operator().label(), 1);
            out.count("pairs." + language + "." + m.operator().label(), 1);
            out.count("pairs." + j.errorKind(), 1);
            kept++;
            out.emit(record(doc, language, text, texts.get(i), m, j), List.of(doc.id()),
                    new Verdict(RULE, m.operator().label() + " (" + m.detail() + "): " + j.tool() + " " + j.errorKind()
                            + " error at line " + j.line() + ": " + firstLine(j.message()), m.operator().label(), "", ""));
        }
        if (kept == 0) {
            none(doc, out, "no_error");
            return;
        }
        out.consume(doc, new Verdict(SOURCE, "mutated into " + mutants.size() + " mutants; " + kept + " kept as debug pairs",
                Integer.toString(kept), "", ""));
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static void none(Document doc, Emitter out, String why) {
        out.count("files_without_pairs." + (why.contains(":") ? why.substring(0, why.indexOf(':')) : why), 1);
        out.consume(doc, new Verdict(SOURCE, "read for debug pairs; none kept (" + why + ")", "0", "", ""));
    }

    static Document record(Document file, String language, String original, String mutant, Mutant m, Judgement j) {
        String path = file.source().path();
        Annotations a = Annotations.EMPTY
                .with(Keys.LANGUAGE, language)
                .with(DebugKeys.ORIGINAL, original)
                .with(DebugKeys.DIFF, Diffs.unified(path.isEmpty() ? j.file() : path, original, mutant, 2))
                .with(DebugKeys.OPERATOR, m.operator().label())
                .with(DebugKeys.MUTATION, m.detail())
                .with(DebugKeys.ERROR_KIND, j.errorKind())
                .with(DebugKeys.ERROR_MESSAGE, j.message())
                .with(DebugKeys.ERROR_LINE, (long) j.line())
                .with(DebugKeys.ERROR_FILE, j.file())
                .with(DebugKeys.TOOL, j.tool())
                .with(DebugKeys.TOOL_VERSION, j.toolVersion())
                .with(DebugKeys.TOOL_COMMAND, j.command())
                .with(DebugKeys.SOURCE_ID, file.id().value())
                .with(Keys.LICENSE_TYPE, file.get(Keys.LICENSE_TYPE))
                .with(Keys.DETECTED_LICENSES, file.get(Keys.DETECTED_LICENSES))
                .with(Keys.STARS, file.get(Keys.STARS))
                .with(Keys.FORKS, file.get(Keys.FORKS));
        return Document.ofText(pairId(file.id(), m), new SourceRef(file.source().origin(), file.source().repoName(), path),
                mutant, a);
    }
}
