package dev.codemill.model;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A typed annotation key. Values are restricted to the types the spill codec, the Parquet
 * writer and (later) the Spark row codec can carry: {@link String}, {@link Long},
 * {@link Double}, {@link Boolean} and {@code List<String>} (declared as {@link List}).
 *
 * @param name column name (The Stack v2's name where one exists, e.g. {@code num_lines})
 * @param type the value's class
 */
public record Key<T>(String name, Class<T> type) {
    private static final Set<Class<?>> ALLOWED = Set.of(String.class, Long.class, Double.class, Boolean.class, List.class);

    public Key {
        Objects.requireNonNull(name, "name");
        if (!ALLOWED.contains(type)) {
            throw new IllegalArgumentException("annotation " + name + ": unsupported type " + type.getName());
        }
    }

    public static <T> Key<T> of(String name, Class<T> type) {
        return new Key<>(name, type);
    }

    /** Casts {@code value} to this key's type; throws {@link ClassCastException} naming the key. */
    public T cast(Object value) {
        if (value != null && !type.isInstance(value)) {
            throw new ClassCastException("annotation " + name + " expects " + type.getSimpleName()
                    + " but got " + value.getClass().getSimpleName());
        }
        return type.cast(value);
    }
}
