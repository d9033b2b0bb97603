package dev.codemill.stages.exec;

import dev.codemill.model.Key;
import java.util.List;

/** Annotation keys of execution-prediction records ({@link ExecTasksStage}); defined here rather than in core's {@code Keys}. */
public final class ExecKeys {
    private ExecKeys() {
    }

    /** {@code output} (the example ran: CRUXEval's (code, input) → output) or {@code error} (it raised: (code, input) → traceback). */
    public static final Key<String> KIND = Key.of("exec_kind", String.class);
    /** Qualified name of the function or method whose docstring holds the example ({@code Class.method}). */
    public static final Key<String> FUNCTION = Key.of("exec_function", String.class);
    /** The function's source without its docstring (which holds the answers), decorators included, dedented. */
    public static final Key<String> CODE = Key.of("exec_code", String.class);
    /** Statements of the same docstring run before the input, in order (doctest's shared namespace). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static final Key<List<String>> SETUP = (Key) Key.of("exec_setup", List.class);
    /** The example's source, as the docstring gives it after {@code >>>}. */
    public static final Key<String> INPUT = Key.of("exec_input", String.class);
    /** What the run printed (doctest semantics: the repr of an expression's value, or what it printed); observed in the sandbox. */
    public static final Key<String> OUTPUT = Key.of("exec_output", String.class);
    /** The exception's class name of an {@code error} record. */
    public static final Key<String> EXCEPTION = Key.of("exec_exception", String.class);
    /** The traceback printed by Python of an {@code error} record, from the example's frame on. */
    public static final Key<String> TRACEBACK = Key.of("exec_traceback", String.class);
    /** Whether the observed output equals the docstring's expected output (doctest's exact comparison). */
    public static final Key<Boolean> MATCHES_DOCSTRING = Key.of("exec_matches_docstring", Boolean.class);
    /** Where the example comes from: {@code doctest} (a docstring's example) or {@code observed_call} (a call a test made, replayed alone). */
    public static final Key<String> ORIGIN = Key.of("exec_origin", String.class);
    /** Dotted name of the module the function is imported from ({@code observed_call} records). */
    public static final Key<String> MODULE = Key.of("exec_module", String.class);
    /** Id of the test whose run made the call ({@code observed_call} records). */
    public static final Key<String> TEST = Key.of("exec_test", String.class);
    /** The Python version that ran it. */
    public static final Key<String> PYTHON = Key.of("exec_python", String.class);
}
