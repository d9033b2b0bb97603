package demo;

import java.util.HashMap;
import java.util.Map;

public class Counter {
    private final Map<String, Integer> counts = new HashMap<>();

    /** Adds one occurrence of {@code word}. */
    public void add(String word) {
        counts.merge(word, 1, Integer::sum);
    }

    public int get(String word) {
        Integer c = counts.get(word);
        return c == null ? 0 : c;
    }

    public int parse(String text) {
        int n = 0;
        try {
            for (String w : text.split(" ")) {
                add(w);
                n++;
            }
        } catch (RuntimeException e) {
        }
        return n;
        // TODO: count punctuation
    }
}
