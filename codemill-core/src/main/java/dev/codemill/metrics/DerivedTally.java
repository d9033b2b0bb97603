package dev.codemill.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The part of {@link RunStats} about documents that stages derived ({@code Emitter.emit}) and
 * about branches: how many were emitted, kept, dropped, quarantined and consumed, written as
 * {@code derived} in stats.json, with the law {@code documents = kept + dropped + quarantined +
 * consumed}; and each branch's counts ({@code branches.NAME}) with whether its laws hold.
 */
final class DerivedTally implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    static final int EMITTED = 0;
    static final int KEPT = 1;
    static final int DROPPED = 2;
    static final int QUARANTINED = 3;
    static final int CONSUMED = 4;
    private static final String[] NAMES = {"documents", "kept", "dropped", "quarantined", "consumed"};

    private final LongAdder[] counts = {new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder()};
    private final Map<String, Map<String, Object>> branches = new ConcurrentSkipListMap<>();
    private final Map<String, Boolean> branchLaws = new ConcurrentHashMap<>();

    void add(int which) {
        counts[which].increment();
    }

    long get(int which) {
        return counts[which].sum();
    }

    void merge(DerivedTally other) {
        for (int i = 0; i < counts.length; i++) {
            counts[i].add(other.counts[i].sum());
        }
        branches.putAll(other.branches);
        branchLaws.putAll(other.branchLaws);
    }

    void branch(String name, Map<String, Object> summary, boolean holds) {
        branches.put(name, summary);
        branchLaws.put(name, holds);
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < NAMES.length; i++) {
            m.put(NAMES[i], counts[i].sum());
        }
        return m;
    }

    /** The branches' counts by name, or null when the run had none. */
    Map<String, Object> branchesMap() {
        return branches.isEmpty() ? null : new TreeMap<>(branches);
    }

    /** Whether the law for derived documents and every branch's laws hold. */
    boolean holds() {
        return lawHolds() && !branchLaws.containsValue(false);
    }

    private boolean lawHolds() {
        return get(EMITTED) == get(KEPT) + get(DROPPED) + get(QUARANTINED) + get(CONSUMED);
    }

    /** The broken laws, one entry each. */
    List<String> broken() {
        List<String> out = new ArrayList<>();
        if (!lawHolds()) {
            out.add("derived " + get(EMITTED) + " != kept " + get(KEPT) + " + dropped " + get(DROPPED)
                    + " + quarantined " + get(QUARANTINED) + " + consumed " + get(CONSUMED));
        }
        new TreeMap<>(branchLaws).forEach((name, ok) -> {
            if (!ok) {
                out.add("branch " + name + ": " + branches.get(name));
            }
        });
        return out;
    }
}
