package dev.codemill.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codemill.stage.Params;
import dev.codemill.stage.RecipeException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecipeLoaderTest {
    private static Recipe parse(String yaml) throws Exception {
        return RecipeLoader.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yaml");
    }

    @Test
    void readsAllSections() throws Exception {
        Recipe r = parse("""
                name: t
                seed: 7
                sources: [/data/a, {path: /data/b}]
                ingest: {max_file_bytes: 1000, content_field: text}
                stages:
                  - {type: decode}
                  - {type: basic_filters, max_line_length: 500}
                output: {formats: [jsonl], part_bytes: 1024}
                """);
        assertThat(r.name()).isEqualTo("t");
        assertThat(r.seed()).isEqualTo(7);
        assertThat(r.sources()).containsExactly("/data/a", "/data/b");
        assertThat(r.ingest().maxFileBytes()).isEqualTo(1000);
        assertThat(r.ingest().contentField()).isEqualTo("text");
        assertThat(r.ingest().pathField()).isEqualTo("path");
        assertThat(r.stages()).extracting(StageSpec::type).containsExactly("decode", "basic_filters");
        assertThat(r.stages().get(1).params()).isEqualTo(Map.of("max_line_length", 500));
        assertThat(r.output().formats()).containsExactly("jsonl");
        assertThat(r.output().partBytes()).isEqualTo(1024);
    }

    @Test
    void tokenFormatsTakeATokenizerAndASequenceLengthAndNeedAContentFormat() throws Exception {
        OutputSpec o = parse("output: {formats: [parquet, megatron, packed], tokenizer: o200k_base, seq_length: 16384}\n").output();
        assertThat(o.formats()).containsExactly("parquet", "megatron", "packed");
        assertThat(o.tokenizer()).isEqualTo("o200k_base");
        assertThat(o.seqLength()).isEqualTo(16384);
        OutputSpec d = parse("name: t\n").output();
        assertThat(d.formats()).containsExactly("parquet", "jsonl");
        assertThat(d.tokenizer()).isEqualTo("cl100k_base");
        assertThat(d.seqLength()).isEqualTo(4096);
        assertThatThrownBy(() -> parse("output: {formats: [megatron]}\n"))
                .hasMessageContaining("key 'formats' needs parquet or jsonl besides [megatron]");
        assertThatThrownBy(() -> parse("output: {formats: [jsonl, megatron], tokenizer: gpt2}\n"))
                .isInstanceOf(RecipeException.class).hasMessageContaining("'gpt2'");
        assertThatThrownBy(() -> parse("output: {formats: [jsonl, packed], seq_length: 0}\n"))
                .hasMessageContaining("key 'seq_length' must be in [1, 16777216], got 0");
    }

    @Test
    void unknownTopLevelKeyIsNamedWithSuggestion() {
        assertThatThrownBy(() -> parse("name: t\nstagez: []\n"))
                .isInstanceOf(RecipeException.class)
                .hasMessageContaining("unknown key 'stagez' in test.yaml (did you mean 'stages'?)");
    }

    @Test
    void splitBytesDefaultsTo128MibAndZeroNeverSplits() throws Exception {
        assertThat(parse("name: t\n").ingest().splitBytes()).isEqualTo(134_217_728L);
        assertThat(parse("ingest: {split_bytes: 0}\n").ingest().splitBytes()).isZero();
        assertThat(parse("ingest: {split_bytes: 300}\n").ingest().splitBytes()).isEqualTo(300);
        assertThatThrownBy(() -> parse("ingest: {split_bytes: -1}\n"))
                .hasMessageContaining("key 'split_bytes' must be >= 0 (0: never split), got -1");
    }

    @Test
    void ingestIdFieldContentAliasesAndToleranceHaveCheckedValues() throws Exception {
        IngestOptions d = parse("name: t\n").ingest();
        assertThat(d.idField()).isEmpty(); // blob_id is a content hash: never the id by default
        assertThat(d.contentAliases()).containsExactly("text", "code");
        assertThat(d.tolerateBadInputs()).isFalse();
        IngestOptions o = parse("ingest: {content_aliases: [body], tolerate_bad_inputs: true, id_field: uid}\n").ingest();
        assertThat(o.contentAliases()).containsExactly("body");
        assertThat(o.tolerateBadInputs()).isTrue();
        assertThat(o.idField()).isEqualTo("uid");
        assertThat(parse("ingest: {content_aliases: []}\n").ingest().contentAliases()).isEmpty();
        assertThatThrownBy(() -> parse("ingest: {tolerate_bad_inputs: yes please}\n"))
                .hasMessageContaining("key 'tolerate_bad_inputs' expects true or false, got yes please");
        assertThatThrownBy(() -> parse("ingest: {content_aliases: text}\n"))
                .hasMessageContaining("key 'content_aliases' expects a list, got text");
        assertThatThrownBy(() -> parse("ingest: {content_aliases: [text, 3]}\n"))
                .hasMessageContaining("key 'content_aliases' expects a list of field names, got [text, 3]");
    }

    @Test
    void unknownIngestKeyIsNamed() {
        assertThatThrownBy(() -> parse("ingest: {max_file_byte: 3}\n"))
                .hasMessageContaining("unknown key 'max_file_byte' in test.yaml section 'ingest' (did you mean 'max_file_bytes'?)");
    }

    @Test
    void stageWithoutTypeIsAnError() {
        assertThatThrownBy(() -> parse("stages: [{max_line_length: 3}]\n"))
                .hasMessageContaining("test.yaml stage #1: missing key 'type'");
    }

    @Test
    void unknownFormatIsAnError() {
        assertThatThrownBy(() -> parse("output: {formats: [csv]}\n"))
                .hasMessageContaining("unknown key 'csv'");
    }

    @Test
    void paramsRejectKeysTheFactoryDidNotRead() {
        Params p = new Params("basic_filters", Map.of("max_line_lenght", 3, "alphanum_fraction", 0.3), 1);
        assertThat(p.number("alphanum_fraction", 0.25, 0, 1)).isEqualTo(0.3);
        p.integer("max_line_length", 1000, 1, Long.MAX_VALUE);
        assertThatThrownBy(p::rejectUnknown)
                .hasMessage("basic_filters.max_line_lenght: unknown key 'max_line_lenght' in stage 'basic_filters' (did you mean 'max_line_length'?); "
                        + "known keys: [alphanum_fraction, max_line_length]");
    }

    @Test
    void paramsCheckTypesAndRanges() {
        Params p = new Params("s", Map.of("a", "x", "b", 5, "c", List.of(1)), 1);
        assertThatThrownBy(() -> p.integer("a", 1, 0, 10)).hasMessage("s.a: stage 's': key 'a' expects a whole number, got x");
        assertThatThrownBy(() -> p.integer("b", 1, 0, 4)).hasMessage("s.b: stage 's': key 'b' must be in [0, 4], got 5");
        assertThat(p.strings("c", List.of())).containsExactly("1");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "output: {formats: []}|section 'output': key 'formats' needs at least one of [parquet, jsonl]",
        "output: {formats: [jsonl, jsonl]}|section 'output': format 'jsonl' is listed twice in key 'formats'",
        "output: {part_bytes: 0}|section 'output': key 'part_bytes' must be at least 1, got 0",
        "output: {part_bytes: -1}|section 'output': key 'part_bytes' must be at least 1, got -1",
        "ingest: {max_expansion_ratio: -3}|section 'ingest': key 'max_expansion_ratio' must be a finite number >= 1, got -3.0",
        "ingest: {max_expansion_ratio: 0.5}|key 'max_expansion_ratio' must be a finite number >= 1, got 0.5",
        "ingest: {max_archive_depth: -1}|section 'ingest': key 'max_archive_depth' must be in [0, 1000], got -1",
    })
    void outOfRangeOutputAndIngestValuesAreRecipeErrors(String yaml, String message) {
        // Before: formats [] passed validate and crashed run with exit 4; the others were accepted
        // (part_bytes 0 wrote an empty first part, a ratio < 1 flagged every archive as a bomb).
        assertThatThrownBy(() -> parse(yaml + "\n")).isInstanceOf(RecipeException.class).hasMessageContaining(message);
    }
}
