package dev.codemill.stages.debug;

import dev.codemill.stages.analysis.syntax.ParseResult;
import dev.codemill.stages.analysis.syntax.Parsers;
import dev.codemill.stages.analysis.syntax.SyntaxTree;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Plants bugs into a source file through its tree-sitter tree: finds every site of every
 * {@link Operator} and draws at most one site per operator with the document's generator
 * ({@code Seeds.rngFor(recipe seed, "debug_pairs", id)}), so the mutants of a document depend
 * only on the recipe seed and its id. Files whose tree has ERROR/MISSING nodes are not mutated
 * (the original must parse for the mutant's error to be the planted one).
 */
public final class Mutator {
    /** Nodes a file's tree may have (bounds memory on huge files). */
    public static final int MAX_NODES = 200_000;

    private final Set<Operator> operators;

    public Mutator(Set<Operator> operators) {
        this.operators = Set.copyOf(operators);
    }

    /** Whether operators exist for a linguist language name (Python, Java, JavaScript). */
    public static boolean supports(String language) {
        return Lang.of(language) != null;
    }

    /** Every site of {@code op} in {@code tree} of a linguist language, in source order of the finder. */
    public static List<Mutant> sites(Operator op, SyntaxTree tree, String language) {
        Lang lang = Lang.of(language);
        List<Mutant> out = new ArrayList<>();
        if (lang == null) {
            return out;
        }
        switch (op) {
            case FLIP_COMPARISON -> ExpressionSites.flipComparison(tree, lang, out);
            case FLIP_BOOLEAN -> ExpressionSites.flipBoolean(tree, lang, out);
            case OFF_BY_ONE -> ExpressionSites.offByOne(tree, lang, out);
            case CHANGE_LITERAL -> ExpressionSites.changeLiteral(tree, lang, out);
            case TYPE_ERROR -> ExpressionSites.typeError(tree, lang, out);
            case REMOVE_NULL_CHECK -> StatementSites.removeNullCheck(tree, lang, out);
            case REMOVE_RETURN -> StatementSites.removeReturn(tree, lang, out);
            case DELETE_IMPORT -> StatementSites.deleteImport(tree, lang, out);
            case REMOVE_ARGUMENT -> StatementSites.removeArgument(tree, lang, out);
            case SWAP_ARGUMENTS -> StatementSites.swapArguments(tree, lang, out);
            case MISSPELL_IDENTIFIER -> NameSites.misspell(tree, lang, out);
            case WRONG_VARIABLE -> NameSites.wrongVariable(tree, lang, out);
        }
        return out;
    }

    /** Parses a file; null when there is no grammar, no tree, or the tree has errors or was cut. */
    public static SyntaxTree parse(String text, String language) {
        if (Lang.of(language) == null) {
            return null;
        }
        ParseResult r = Parsers.parseWithin(text, language, MAX_NODES, Parsers.DEFAULT_BUDGET_NANOS);
        SyntaxTree t = r.tree();
        return t == null || !t.complete() || t.errorBytes() > 0 ? null : t;
    }

    /** All sites of the enabled operators, by operator (operators without a site absent). */
    public Map<Operator, List<Mutant>> allSites(SyntaxTree tree, String language) {
        Map<Operator, List<Mutant>> by = new EnumMap<>(Operator.class);
        for (Operator op : Operator.values()) {
            if (operators.contains(op)) {
                List<Mutant> s = sites(op, tree, language);
                if (!s.isEmpty()) {
                    by.put(op, s);
                }
            }
        }
        return by;
    }

    /**
     * Up to {@code perOperator} distinct sites of each enabled operator, drawn with {@code rng}
     * (operators in enum order, sites without replacement).
     */
    public List<Mutant> draw(SyntaxTree tree, String language, RandomGenerator rng, int perOperator) {
        return draw(tree, language, rng, perOperator, m -> true);
    }

    /** {@link #draw(SyntaxTree, String, RandomGenerator, int)} among the sites {@code keep} accepts. */
    public List<Mutant> draw(SyntaxTree tree, String language, RandomGenerator rng, int perOperator,
                             java.util.function.Predicate<Mutant> keep) {
        List<Mutant> out = new ArrayList<>();
        for (Map.Entry<Operator, List<Mutant>> e : allSites(tree, language).entrySet()) {
            List<Mutant> s = new ArrayList<>(e.getValue());
            s.removeIf(keep.negate());
            for (int k = 0; k < perOperator && !s.isEmpty(); k++) {
                out.add(s.remove(rng.nextInt(s.size())));
            }
        }
        return out;
    }
}
