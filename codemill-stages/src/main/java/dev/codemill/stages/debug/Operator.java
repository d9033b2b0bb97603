package dev.codemill.stages.debug;

/**
 * The mutation operators (SWE-smith / mutation-testing classics) that plant one bug into a
 * syntax tree; each has its site finder in {@link Sites} and a test on a real snippet per
 * language. The label is the {@code operator} field of a record.
 */
public enum Operator {
    /** {@code <} ↔ {@code >=}, {@code ==} ↔ {@code !=}, {@code is} ↔ {@code is not}, {@code in} ↔ {@code not in}. */
    FLIP_COMPARISON("flip_comparison"),
    /** {@code &&} ↔ {@code ||}, {@code and} ↔ {@code or}. */
    FLIP_BOOLEAN("flip_boolean"),
    /** A bound moved by one: {@code <} ↔ {@code <=}, {@code >} ↔ {@code >=}, an integer argument of {@code range(…)} ± 1. */
    OFF_BY_ONE("off_by_one"),
    /** A variable use replaced by another variable of the same scope and declared type (Java) or of the same function (Python, JavaScript). */
    WRONG_VARIABLE("wrong_variable"),
    /** An {@code if} guard testing for {@code None}/{@code null} removed. */
    REMOVE_NULL_CHECK("remove_null_check"),
    /** One argument of a call removed. */
    REMOVE_ARGUMENT("remove_argument"),
    /** Two adjacent arguments of a call swapped. */
    SWAP_ARGUMENTS("swap_arguments"),
    /** A literal changed: integer + 1, string emptied, boolean negated. */
    CHANGE_LITERAL("change_literal"),
    /** A {@code return} with a value removed (Java: the statement; Python, JavaScript: the value kept as an expression statement). */
    REMOVE_RETURN("remove_return"),
    /** An import statement deleted. */
    DELETE_IMPORT("delete_import"),
    /** A use of a name defined in the file misspelt (two letters swapped, or one dropped). */
    MISSPELL_IDENTIFIER("misspell_identifier"),
    /** A type error: Java an {@code int} variable initialised with a string, Python a number operand made a string, JavaScript {@code let} made {@code const} for a reassigned variable. */
    TYPE_ERROR("type_error");

    private final String label;

    Operator(String label) {
        this.label = label;
    }

    /** Lower-case name used in records and recipes. */
    public String label() {
        return label;
    }

    /** The operator of a label. */
    public static Operator of(String label) {
        for (Operator o : values()) {
            if (o.label.equals(label)) {
                return o;
            }
        }
        throw new IllegalArgumentException("unknown mutation operator '" + label + "'");
    }
}
