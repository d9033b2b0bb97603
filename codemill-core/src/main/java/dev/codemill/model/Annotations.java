package dev.codemill.model;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An immutable, name-sorted map of annotation values. {@link #with(Key, Object)} returns a
 * copy; the original never changes, so a document can be shared between threads.
 */
public final class Annotations {
    public static final Annotations EMPTY = new Annotations(new TreeMap<>());

    private final TreeMap<String, Object> values;

    private Annotations(TreeMap<String, Object> values) {
        this.values = values;
    }

    /** Builds annotations from raw name → value pairs (the spill and input codecs use this). */
    public static Annotations ofRaw(Map<String, Object> raw) {
        TreeMap<String, Object> copy = new TreeMap<>();
        raw.forEach((k, v) -> {
            if (v != null) {
                copy.put(k, v instanceof List<?> l ? List.copyOf(l) : v);
            }
        });
        return new Annotations(copy);
    }

    public <T> T get(Key<T> key) {
        return key.cast(values.get(key.name()));
    }

    public <T> T getOr(Key<T> key, T fallback) {
        T v = get(key);
        return v == null ? fallback : v;
    }

    public <T> Optional<T> find(Key<T> key) {
        return Optional.ofNullable(get(key));
    }

    public boolean has(Key<?> key) {
        return values.containsKey(key.name());
    }

    public <T> Annotations with(Key<T> key, T value) {
        TreeMap<String, Object> copy = new TreeMap<>(values);
        if (value == null) {
            copy.remove(key.name());
        } else {
            copy.put(key.name(), key.cast(value) instanceof List<?> l ? List.copyOf(l) : value);
        }
        return new Annotations(copy);
    }

    /** All values by name, sorted by name; unmodifiable. */
    public Map<String, Object> asMap() {
        return Collections.unmodifiableMap(values);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Annotations a && a.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
