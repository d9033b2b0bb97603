package dev.codemill.cli.eval;

import java.util.List;

/**
 * One benchmark problem, whatever its file's layout.
 *
 * @param taskId    the set's own id, as text ({@code HumanEval/0}, MBPP's {@code 11})
 * @param layout    the layout it was read from
 * @param prompt    what a HumanEval completion continues (the signature and docstring); empty for MBPP,
 *                  whose completions are whole programs
 * @param canonical the set's reference solution, in completion form
 * @param tests     the test code run after the program
 */
public record Problem(String taskId, Layout layout, String prompt, String canonical, String tests) {

    /** The problem-file layouts read: OpenAI's HumanEval, Google's MBPP and its sanitized subset. */
    public enum Layout { HUMANEVAL, MBPP, MBPP_SANITIZED }

    /**
     * The program run for one completion, the way each benchmark's reference harness assembles it:
     * HumanEval (openai/human-eval): prompt + completion + test + {@code check(entry_point)};
     * MBPP (bigcode-evaluation-harness): completion + setup code + the asserts.
     */
    public String program(String completion) {
        return switch (layout) {
            case HUMANEVAL -> prompt + completion + "\n" + tests + "\n";
            case MBPP, MBPP_SANITIZED -> completion + "\n" + tests + "\n";
        };
    }

    static String joinLines(List<String> lines) {
        return String.join("\n", lines);
    }
}
