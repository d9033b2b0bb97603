package dev.codemill.cli.eval;

/**
 * One completion to score and, once run, its outcome; field names follow openai/human-eval's
 * {@code samples.jsonl_results.jsonl}.
 *
 * @param taskId       the problem's task id
 * @param completionId the sample's index among its task's samples (0-based, file order)
 * @param completion   the model's text
 * @param passed       the program with the tests exited 0 within the limits
 * @param result       {@code passed}, {@code timed out}, or {@code failed: <last line the program printed to stderr>}
 */
public record Sample(String taskId, int completionId, String completion, boolean passed, String result) {
    static Sample pending(String taskId, int completionId, String completion) {
        return new Sample(taskId, completionId, completion, false, "");
    }

    Sample withOutcome(boolean ok, String outcome) {
        return new Sample(taskId, completionId, completion, ok, outcome);
    }
}
