package dev.codemill.stages.debug;

import java.util.Set;

/**
 * The tree-sitter node types the mutation operators look for, per language (grammars pinned in
 * the parent POM: python 0.25.0, java 0.23.5, javascript 0.25.0).
 */
enum Lang {
    PYTHON("Python", Set.of("comparison_operator"), Set.of("boolean_operator"), Set.of("integer"), Set.of("string"),
            "none", Set.of("import_statement", "import_from_statement", "future_import_statement"), Set.of("call"), "argument_list",
            Set.of("function_definition", "lambda")),
    JAVA("Java", Set.of("binary_expression"), Set.of("binary_expression"), Set.of("decimal_integer_literal"),
            Set.of("string_literal"), "null_literal", Set.of("import_declaration"), Set.of("method_invocation", "object_creation_expression"), "argument_list",
            Set.of("method_declaration", "constructor_declaration", "lambda_expression")),
    JAVASCRIPT("JavaScript", Set.of("binary_expression"), Set.of("binary_expression"), Set.of("number"), Set.of("string"),
            "null", Set.of("import_statement"), Set.of("call_expression", "new_expression"), "arguments",
            Set.of("function_declaration", "function_expression", "arrow_function", "method_definition",
                    "generator_function_declaration"));

    final String linguist;
    final Set<String> comparison;
    final Set<String> booleanOp;
    final Set<String> integer;
    final Set<String> string;
    final String nullLiteral;
    final Set<String> imports;
    final Set<String> call;
    final String arguments;
    final Set<String> functions;

    Lang(String linguist, Set<String> comparison, Set<String> booleanOp, Set<String> integer, Set<String> string,
         String nullLiteral, Set<String> imports, Set<String> call, String arguments, Set<String> functions) {
        this.linguist = linguist;
        this.comparison = comparison;
        this.booleanOp = booleanOp;
        this.integer = integer;
        this.string = string;
        this.nullLiteral = nullLiteral;
        this.imports = imports;
        this.call = call;
        this.arguments = arguments;
        this.functions = functions;
    }

    /** The language of a linguist name, or null when no operator knows it. */
    static Lang of(String linguist) {
        for (Lang l : values()) {
            if (l.linguist.equals(linguist)) {
                return l;
            }
        }
        return null;
    }
}
