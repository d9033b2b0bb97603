package dev.codemill.stages.analysis.syntax;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which tree-sitter node types mean what, per grammar: the data the syntax-tree checkers need.
 * Node type names are those of the pinned grammar versions (see {@link Parsers}); they were read
 * off parsed sample files.
 *
 * @param functions   function/method/lambda definitions (units for {@code small_units})
 * @param classes     class-like definitions (documented when public)
 * @param branches    nodes adding one to cyclomatic complexity (McCabe 1976: decision points);
 *                    the anonymous tokens {@code && || and or} add one too
 * @param nesting     nodes that open one level of nesting (an {@code if} that is the {@code else}
 *                    branch of another does not)
 * @param catches     exception handlers whose empty body swallows the exception
 * @param jumps       statements after which the rest of the block is unreachable
 * @param comments    comment node types
 * @param docPrefixes how a doc comment starts ({@code /**}, {@code ///}); empty: any comment
 *                    directly above the definition (Go, C, Ruby convention)
 * @param docstrings  whether a leading string in the body is the documentation (Python)
 * @param visibility  how public definitions are recognised: {@code underscore} (name not starting
 *                    with {@code _}), {@code keyword} ({@code public}/{@code protected} modifier),
 *                    {@code not_private}, {@code capital} (Go), {@code not_static} (C/C++),
 *                    {@code pub} (Rust), {@code exported} (JS/TS), {@code all}
 * @param convention  expected function-name style: {@code snake}, {@code camel}, {@code pascal},
 *                    {@code camel|pascal} or {@code any} (the file's dominant style)
 * @param identifiers identifier node types that may name a declaration
 * @param paramLists  parameter-list node types
 * @param loops       loop node types (single-letter loop variables are conventional)
 */
public record LanguageRules(Set<String> functions, Set<String> classes, Set<String> branches, Set<String> nesting,
                            Set<String> catches, Set<String> jumps, Set<String> comments, List<String> docPrefixes,
                            boolean docstrings, String visibility, String convention, Set<String> identifiers,
                            Set<String> paramLists, Set<String> loops) {

    /** Anonymous tokens that add a decision (short-circuit operators). */
    public static final Set<String> LOGICAL_OPERATORS = Set.of("&&", "||", "and", "or");

    private static final Set<String> C_LIKE_COMMENTS = Set.of("comment");

    private static final Map<String, LanguageRules> TABLE = Map.ofEntries(
            Map.entry("Python", new LanguageRules(
                    Set.of("function_definition", "lambda"),
                    Set.of("class_definition"),
                    Set.of("if_statement", "elif_clause", "for_statement", "while_statement", "except_clause",
                            "conditional_expression", "case_clause", "for_in_clause", "if_clause"),
                    Set.of("if_statement", "for_statement", "while_statement", "try_statement", "with_statement",
                            "match_statement"),
                    Set.of("except_clause"),
                    Set.of("return_statement", "raise_statement", "break_statement", "continue_statement"),
                    Set.of("comment"), List.of(), true, "underscore", "snake",
                    Set.of("identifier"), Set.of("parameters", "lambda_parameters"),
                    Set.of("for_statement", "for_in_clause"))),
            Map.entry("Java", new LanguageRules(
                    Set.of("method_declaration", "constructor_declaration", "lambda_expression", "compact_constructor_declaration"),
                    Set.of("class_declaration", "interface_declaration", "enum_declaration", "record_declaration"),
                    Set.of("if_statement", "for_statement", "enhanced_for_statement", "while_statement", "do_statement",
                            "catch_clause", "ternary_expression", "switch_label", "switch_rule"),
                    Set.of("if_statement", "for_statement", "enhanced_for_statement", "while_statement", "do_statement",
                            "try_statement", "try_with_resources_statement", "switch_expression", "synchronized_statement"),
                    Set.of("catch_clause"),
                    Set.of("return_statement", "throw_statement", "break_statement", "continue_statement"),
                    Set.of("line_comment", "block_comment"), List.of("/**"), false, "keyword", "camel",
                    Set.of("identifier"), Set.of("formal_parameters"),
                    Set.of("for_statement", "enhanced_for_statement"))),
            Map.entry("JavaScript", js()),
            Map.entry("TypeScript", js()),
            Map.entry("C", c(false)),
            Map.entry("C++", c(true)),
            Map.entry("Go", new LanguageRules(
                    Set.of("function_declaration", "method_declaration", "func_literal"),
                    Set.of("type_spec"),
                    Set.of("if_statement", "for_statement", "expression_case", "type_case", "communication_case"),
                    Set.of("if_statement", "for_statement", "expression_switch_statement", "type_switch_statement",
                            "select_statement"),
                    Set.of(),
                    Set.of("return_statement", "break_statement", "continue_statement", "goto_statement"),
                    C_LIKE_COMMENTS, List.of(), false, "capital", "camel|pascal",
                    Set.of("identifier", "field_identifier", "type_identifier"), Set.of("parameter_list"),
                    Set.of("for_statement"))),
            Map.entry("Rust", new LanguageRules(
                    Set.of("function_item", "closure_expression"),
                    Set.of("struct_item", "enum_item", "trait_item"),
                    Set.of("if_expression", "for_expression", "while_expression", "loop_expression", "match_arm"),
                    Set.of("if_expression", "for_expression", "while_expression", "loop_expression", "match_expression"),
                    Set.of(),
                    Set.of("return_expression", "break_expression", "continue_expression"),
                    Set.of("line_comment", "block_comment"), List.of("///", "/**"), false, "pub", "snake",
                    Set.of("identifier", "type_identifier"), Set.of("parameters", "closure_parameters"),
                    Set.of("for_expression"))),
            Map.entry("C#", new LanguageRules(
                    Set.of("method_declaration", "constructor_declaration", "local_function_statement", "lambda_expression"),
                    Set.of("class_declaration", "interface_declaration", "struct_declaration", "enum_declaration", "record_declaration"),
                    Set.of("if_statement", "for_statement", "foreach_statement", "while_statement", "do_statement",
                            "catch_clause", "conditional_expression", "switch_section", "switch_expression_arm"),
                    Set.of("if_statement", "for_statement", "foreach_statement", "while_statement", "do_statement",
                            "try_statement", "switch_statement", "using_statement", "lock_statement"),
                    Set.of("catch_clause"),
                    Set.of("return_statement", "throw_statement", "break_statement", "continue_statement"),
                    C_LIKE_COMMENTS, List.of("///", "/**"), false, "keyword", "pascal",
                    Set.of("identifier"), Set.of("parameter_list"),
                    Set.of("for_statement", "foreach_statement"))),
            Map.entry("PHP", new LanguageRules(
                    Set.of("function_definition", "method_declaration", "anonymous_function", "arrow_function"),
                    Set.of("class_declaration", "interface_declaration", "trait_declaration"),
                    Set.of("if_statement", "else_if_clause", "for_statement", "foreach_statement", "while_statement",
                            "do_statement", "catch_clause", "conditional_expression", "case_statement"),
                    Set.of("if_statement", "for_statement", "foreach_statement", "while_statement", "do_statement",
                            "try_statement", "switch_statement"),
                    Set.of("catch_clause"),
                    Set.of("return_statement", "throw_expression", "break_statement", "continue_statement"),
                    C_LIKE_COMMENTS, List.of("/**"), false, "not_private", "any",
                    Set.of("name", "variable_name"), Set.of("formal_parameters"),
                    Set.of("for_statement", "foreach_statement"))),
            Map.entry("Ruby", new LanguageRules(
                    Set.of("method", "singleton_method", "lambda", "block", "do_block"),
                    Set.of("class", "module"),
                    Set.of("if", "elsif", "unless", "while", "until", "for", "when", "rescue", "conditional",
                            "if_modifier", "unless_modifier", "while_modifier", "until_modifier"),
                    Set.of("if", "unless", "while", "until", "for", "case", "begin"),
                    Set.of("rescue"),
                    Set.of("return", "break", "next", "redo", "retry"),
                    C_LIKE_COMMENTS, List.of(), false, "all", "snake",
                    Set.of("identifier", "constant"), Set.of("method_parameters", "lambda_parameters", "block_parameters"),
                    Set.of("for"))),
            Map.entry("Kotlin", new LanguageRules(
                    Set.of("function_declaration", "anonymous_function", "lambda_literal"),
                    Set.of("class_declaration", "object_declaration"),
                    Set.of("if_expression", "for_statement", "while_statement", "do_while_statement", "when_entry",
                            "catch_block", "elvis_expression"),
                    Set.of("if_expression", "for_statement", "while_statement", "do_while_statement", "try_expression",
                            "when_expression"),
                    Set.of("catch_block"),
                    Set.of("jump_expression"),
                    Set.of("comment", "line_comment", "multiline_comment"), List.of("/**"), false, "not_private", "camel",
                    Set.of("simple_identifier", "type_identifier"), Set.of("function_value_parameters"),
                    Set.of("for_statement"))));

    private static LanguageRules js() {
        return new LanguageRules(
                Set.of("function_declaration", "function_expression", "arrow_function", "method_definition",
                        "generator_function_declaration", "function"),
                Set.of("class_declaration", "interface_declaration", "class"),
                Set.of("if_statement", "for_statement", "for_in_statement", "while_statement", "do_statement",
                        "catch_clause", "ternary_expression", "switch_case"),
                Set.of("if_statement", "for_statement", "for_in_statement", "while_statement", "do_statement",
                        "try_statement", "switch_statement"),
                Set.of("catch_clause"),
                Set.of("return_statement", "throw_statement", "break_statement", "continue_statement"),
                C_LIKE_COMMENTS, List.of("/**"), false, "exported", "camel|pascal",
                Set.of("identifier", "property_identifier", "type_identifier"), Set.of("formal_parameters"),
                Set.of("for_statement", "for_in_statement"));
    }

    private static LanguageRules c(boolean cpp) {
        return new LanguageRules(
                cpp ? Set.of("function_definition", "lambda_expression") : Set.of("function_definition"),
                cpp ? Set.of("class_specifier", "struct_specifier") : Set.of("struct_specifier"),
                Set.of("if_statement", "for_statement", "for_range_loop", "while_statement", "do_statement",
                        "case_statement", "conditional_expression", "catch_clause"),
                Set.of("if_statement", "for_statement", "for_range_loop", "while_statement", "do_statement",
                        "switch_statement", "try_statement"),
                cpp ? Set.of("catch_clause") : Set.of(),
                Set.of("return_statement", "break_statement", "continue_statement", "goto_statement", "throw_statement"),
                C_LIKE_COMMENTS, List.of(), false, "not_static", "any",
                Set.of("identifier", "field_identifier", "type_identifier"), Set.of("parameter_list"),
                Set.of("for_statement", "for_range_loop"));
    }

    /** The rules for a linguist language name, or null when it has no grammar here. */
    public static LanguageRules of(String language) {
        return language == null ? null : TABLE.get(language);
    }
}
