package dev.codemill.testkit;

import dev.codemill.model.Document;
import dev.codemill.stage.Emitter;
import dev.codemill.stage.Verdict;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The test kit's one {@link Emitter}: records every call, in order. {@code keep}, {@code drop},
 * {@code quarantine} and {@code modified} are outcomes (action {@code keep}, {@code drop},
 * {@code quarantine}, {@code modify}); {@code count} is summed per metric into {@link #counts()}.
 *
 * <p>It is a {@link Proxy} over the whole {@link Emitter} interface, so it also records methods the
 * interface gains later (e.g. {@code emit(derived, from, why)}) without a change here: any other
 * call that passes a {@link Document} is an outcome whose action is the method's name, with the
 * call's verdicts and its other arguments in {@link Outcome#others()}; calls without a document
 * ({@code inputSchema}) are ignored. {@link #decisions()} are the outcomes that decide about an input
 * document (exactly one per document a stage is given).
 *
 * <p>Thread-safe (lists are synchronized); give each thread its own when the order matters.
 */
public interface RecordingEmitter extends Emitter {
    /** Actions of the calls that decide about the document a stage was given. */
    List<String> DECISIONS = List.of("keep", "drop", "quarantine", "modify", "consume");

    /**
     * One call.
     *
     * @param action   {@code keep}, {@code drop}, {@code quarantine}, {@code modify}, or the name of another
     *                 {@link Emitter} method that passed a document (e.g. {@code emit})
     * @param doc      the document passed (for {@code modify}: the changed one)
     * @param verdict  the first verdict passed, or null
     * @param verdicts every verdict passed (one per ledger row), in order
     * @param others   the call's other arguments, in order (e.g. the sources of a derived document)
     */
    record Outcome(String action, Document doc, Verdict verdict, List<Verdict> verdicts, List<Object> others) {
        public Outcome(String action, Document doc, Verdict verdict) {
            this(action, doc, verdict, verdict == null ? List.of() : List.of(verdict), List.of());
        }
    }

    /** A new, empty recorder. */
    static RecordingEmitter create() {
        return (RecordingEmitter) Proxy.newProxyInstance(RecordingEmitter.class.getClassLoader(),
                new Class<?>[] {RecordingEmitter.class}, new Recorder());
    }

    /** Every outcome, in call order (live, synchronized list). */
    List<Outcome> outcomes();

    /** Counters sent through {@link #count}, summed per metric, in name order. */
    SortedMap<String, Long> counts();

    /** The outcomes that decide about a given document ({@link #DECISIONS}), in order. */
    default List<Outcome> decisions() {
        synchronized (outcomes()) {
            return outcomes().stream().filter(o -> DECISIONS.contains(o.action())).toList();
        }
    }

    /** The single outcome; fails when there is not exactly one. */
    default Outcome only() {
        List<Outcome> all = outcomes();
        if (all.size() != 1) {
            throw new AssertionError("expected exactly one outcome, got " + all);
        }
        return all.get(0);
    }

    /** Documents that went on (kept or modified), in order. */
    default List<Document> kept() {
        synchronized (outcomes()) {
            return outcomes().stream().filter(o -> o.action().equals("keep") || o.action().equals("modify"))
                    .map(Outcome::doc).toList();
        }
    }

    /** Verdicts of the calls with {@code action}, in order. */
    default List<Verdict> verdicts(String action) {
        synchronized (outcomes()) {
            return outcomes().stream().filter(o -> o.action().equals(action)).map(Outcome::verdict).toList();
        }
    }

    /** The first verdict of every outcome that has one (drop, quarantine, modify), in order. */
    default List<Verdict> verdicts() {
        synchronized (outcomes()) {
            return outcomes().stream().map(Outcome::verdict).filter(java.util.Objects::nonNull).toList();
        }
    }

    /** Actions of every outcome, in order. */
    default List<String> actions() {
        synchronized (outcomes()) {
            return outcomes().stream().map(Outcome::action).toList();
        }
    }

    /** The proxy's handler: answers the accessors and records every {@link Emitter} call. */
    final class Recorder implements InvocationHandler {
        private final List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
        private final SortedMap<String, Long> counts = Collections.synchronizedSortedMap(new TreeMap<>());

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            Object[] a = args == null ? new Object[0] : args;
            switch (method.getName()) {
                case "outcomes":
                    return outcomes;
                case "counts":
                    return counts;
                case "toString":
                    return "RecordingEmitter" + outcomes;
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "equals":
                    return proxy == a[0];
                default:
                    break;
            }
            if (method.getDeclaringClass() == RecordingEmitter.class && method.isDefault()) {
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            if (method.getName().equals("count") && a.length == 2) {
                counts.merge((String) a[0], (Long) a[1], Long::sum);
                return null;
            }
            record(method.getName(), a);
            return null;
        }

        private void record(String name, Object[] args) {
            Document doc = null;
            List<Verdict> verdicts = new ArrayList<>();
            List<Object> others = new ArrayList<>();
            for (Object arg : args) {
                if (doc == null && arg instanceof Document d) {
                    doc = d;
                } else if (arg instanceof Verdict v) {
                    verdicts.add(v);
                } else if (arg instanceof List<?> list && !list.isEmpty() && list.stream().allMatch(Verdict.class::isInstance)) {
                    list.forEach(v -> verdicts.add((Verdict) v));
                } else {
                    others.add(arg);
                }
            }
            if (doc == null) {
                return; // inputSchema and other calls about no document
            }
            if (name.equals("modified") && verdicts.isEmpty()) {
                throw new IllegalArgumentException("modified needs at least one verdict");
            }
            String action = name.equals("modified") ? "modify" : name;
            outcomes.add(new Outcome(action, doc, verdicts.isEmpty() ? null : verdicts.get(0), List.copyOf(verdicts),
                    Collections.unmodifiableList(others)));
        }
    }
}
