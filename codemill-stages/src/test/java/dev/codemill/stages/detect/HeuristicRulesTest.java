package dev.codemill.stages.detect;

import dev.codemill.stages.analysis.lang.HeuristicRules;
import dev.codemill.stages.analysis.lang.LanguageTable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HeuristicRulesTest {
    private final LanguageDetector detector = LanguageDetector.defaults();

    private static String resource(String name) throws IOException {
        try (InputStream in = HeuristicRulesTest.class.getClassLoader().getResourceAsStream("languages/shared/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Every self-written file of src/test/resources/languages/shared gets exactly its expected language and evidence. */
    @Test
    void sharedExtensionFilesGetTheirLanguage() throws IOException {
        List<String> wrong = new ArrayList<>();
        int n = 0;
        for (String line : resource("expected.tsv").split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            LanguageDetector.Detection d = detector.detect("src/" + f[0], resource(f[0]));
            n++;
            if (!d.language().equals(f[1]) || !d.evidence().equals(f[2])) {
                wrong.add(f[0] + ": " + d.language() + " " + d.evidence() + ", expected " + f[1] + " " + f[2]);
            }
        }
        assertThat(n).isEqualTo(64);
        assertThat(wrong).isEmpty();
    }

    @Test
    void dotDGoesToDDTraceOrMakefileDependencies() {
        assertThat(detector.detect("a.d", "import std.stdio;\n").language()).isEqualTo("D");
        assertThat(detector.detect("a.d", "BEGIN\n{\n  x = 1;\n}\n").language()).isEqualTo("DTrace");
        assertThat(detector.detect("a.d", "main.o: main.c \\\n  a.h\n").language()).isEqualTo("Makefile");
        // nothing matched: the fallback from fallbacks-local.tsv, named as such
        assertThat(detector.detect("a.d", "\n")).isEqualTo(new LanguageDetector.Detection("D", "programming", "content:d_default", null));
    }

    @Test
    void handRulesKeepTheirLanguagesDataRulesOnlyAddOthers() {
        // C05 shape: a C header with C++ markers inside #ifdef __cplusplus stays C, though linguist's own
        // .h pattern would say C++ (the data rules may not judge C, C++ or Objective-C for .h)
        String header = "#ifdef __cplusplus\nextern \"C\" {\nnamespace x {}\n#endif\nint f(void);\n";
        assertThat(detector.detect("p.h", header).language()).isEqualTo("C");
        // a .m with no Objective-C or MATLAB marker but Mercury's: data rules decide
        assertThat(detector.detect("a.m", ":- module a.\n").evidence()).isEqualTo("content:m_mercury");
        // .pl Perl markers win before Raku's "class"
        assertThat(detector.detect("a.pl", "use strict;\nmy $class = 1;\n").language()).isEqualTo("Perl");
    }

    @Test
    void shebangDecidesASharedExtensionOnlyForACandidateOrWhenNothingElseDoes() {
        assertThat(detector.detect("x.ts", "#!/usr/bin/env node\nconst a: number = 1;\n").language()).isEqualTo("TypeScript");
        assertThat(detector.detect("x.cgi", "#!/usr/bin/env php\n<?php echo 1;\n").evidence()).isEqualTo("shebang");
        assertThat(detector.detect("x.cgi", "print 1\n")).isEqualTo(new LanguageDetector.Detection("unknown", null, "none", null));
    }

    @Test
    void newLanguagesByExtensionFilenameAndInterpreter() {
        assertThat(detector.detect("a.zig", "const std = @import(\"std\");\n").language()).isEqualTo("Zig");
        assertThat(detector.detect("x/flake.lock", "{}\n").language()).isEqualTo("JSON");
        assertThat(detector.detect("main.odin", "package main\n").language()).isEqualTo("Odin");
        assertThat(detector.detect("a.gleam", "pub fn main() {}\n").language()).isEqualTo("Gleam");
        assertThat(detector.detect("a.mojo", "fn main():\n    pass\n").language()).isEqualTo("Mojo");
        assertThat(detector.detect("a.fish", "set x 1\n").language()).isEqualTo("fish");
        assertThat(detector.detect("a.cob", "IDENTIFICATION DIVISION.\n").language()).isEqualTo("COBOL");
        assertThat(detector.detect("a.adb", "procedure A is begin null; end A;\n").language()).isEqualTo("Ada");
        assertThat(detector.detect("Justfile", "build:\n\tcargo build\n").language()).isEqualTo("Just");
        assertThat(detector.detect("meson.build", "project('x')\n").language()).isEqualTo("Meson");
        assertThat(detector.detect("bin/x", "#!/usr/bin/env tclsh\nputs hi\n").language()).isEqualTo("Tcl");
        assertThat(detector.detect("bin/y", "#!/usr/bin/env fish\necho hi\n").language()).isEqualTo("fish");
        assertThat(detector.detect("bin/z", "#!/usr/bin/env elixir\nIO.puts 1\n").language()).isEqualTo("Elixir");
        assertThat(detector.table().typeOf("Gleam")).isEqualTo("programming");
        assertThat(detector.table().languages()).hasSizeGreaterThanOrEqualTo(800);
    }

    @Test
    void everyRuleRunsOnALongTextWithoutFailing() {
        // catastrophic recursion in java.util.regex shows as StackOverflowError on long inputs
        String text = "x = 1; /* a */ // b\n\tkey: value\n".repeat(2500);
        LanguageTable t = LanguageTable.defaults();
        int rules = 0;
        for (String e : t.heuristics().extensions()) {
            for (HeuristicRules.Rule r : t.heuristics().rules(e)) {
                r.holds(text);
                rules++;
            }
        }
        assertThat(rules).isGreaterThan(250);
    }

    @Test
    void parseChecksRowsAndNames() throws IOException {
        String ok = "extension\trule\tlanguage\tkind\tpattern\tliterals\n.d\t1\tD\tmatch\t^module\\s\tmodule\n"
                + ".d\t1\tD\tnot\tBEGIN\t-\n.d\t2\tDTrace\talways\t-\t-\n";
        HeuristicRules h = HeuristicRules.parse(new StringReader(ok));
        assertThat(h.rules(".d")).extracting(HeuristicRules.Rule::name).containsExactly("d_d", "d_dtrace");
        assertThat(h.decide(".d", "module a;\n", Set.of()).language()).isEqualTo("D");
        assertThat(h.decide(".d", "module a;\nBEGIN\n", Set.of()).language()).isEqualTo("DTrace");
        assertThat(h.decide(".d", "module a;\n", Set.of("D")).language()).isEqualTo("DTrace");
        assertThat(h.decide(".x", "", Set.of())).isNull();
        assertThatThrownBy(() -> HeuristicRules.parse(new StringReader(".d\t1\tD\tmatch\t(unclosed\t-\n")))
                .hasMessageContaining("bad pattern");
        assertThatThrownBy(() -> HeuristicRules.parse(new StringReader(".d\t2\tD\tmatch\tx\t-\n")))
                .hasMessageContaining("out of order");
        assertThatThrownBy(() -> HeuristicRules.parse(new StringReader(".d\t1\tD\tmaybe\tx\t-\n")))
                .hasMessageContaining("unknown kind");
        assertThat(HeuristicRules.literals("a|b\\|c|d\\\\")).containsExactly("a", "b|c", "d\\");
        assertThat(HeuristicRules.literals("-")).isEmpty();
        assertThat(HeuristicRules.ruleName(".cs", "C#")).isEqualTo("cs_csharp");
        assertThat(HeuristicRules.ruleName(".h", "C++")).isEqualTo("h_cpp");
        assertThat(HeuristicRules.ruleName(".inc", "POV-Ray SDL")).isEqualTo("inc_pov_ray_sdl");
    }

    /** The generated prefilters are sound: on every self-written file, a clause with literals finds what its bare pattern finds. */
    @Test
    void prefilterLiteralsNeverHideAMatch() throws IOException {
        LanguageTable t = LanguageTable.defaults();
        List<String> texts = new ArrayList<>();
        for (String line : resource("expected.tsv").split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                texts.add(resource(line.split("\t")[0]));
            }
        }
        int withLiterals = 0;
        int checks = 0;
        for (String e : t.heuristics().extensions()) {
            for (HeuristicRules.Rule r : t.heuristics().rules(e)) {
                List<HeuristicRules.Clause> all = new ArrayList<>(r.must());
                all.addAll(r.mustNot());
                for (HeuristicRules.Clause c : all) {
                    if (c.literals().isEmpty()) {
                        continue;
                    }
                    withLiterals++;
                    for (String text : texts) {
                        checks++;
                        assertThat(c.found(text)).as(r.name() + " " + c.pattern()).isEqualTo(c.pattern().matcher(text).find());
                    }
                }
            }
        }
        assertThat(withLiterals).isGreaterThan(100);
        assertThat(checks).isGreaterThan(6000);
    }

    @Test
    void aRuleNamingANonCandidateIsRejected() {
        String langs = "name\ttype\textensions\tfilenames\tinterpreters\taliases\nA\tdata\t.x\t-\t-\t-\nB\tdata\t.x\t-\t-\t-\nC\tdata\t.c\t-\t-\t-\n";
        String amb = "extension\tcandidates\tfallback\n.x\tA;B\tA\n";
        assertThatThrownBy(() -> LanguageTable.parse(new StringReader(langs), new StringReader(amb),
                HeuristicRules.parse(new StringReader(".x\t1\tC\tmatch\tc\t-\n"))))
                .hasMessageContaining("x_c").hasMessageContaining("not a candidate");
    }
}
