package demo;

/**
 * Javadoc: "quotes" and // markers are comment text.
 */
public class Traps {
    static final char QUOTE = '"';
    static final char APOS = '\'';
    static final String GLOB = "src/*";  // starts nothing

    /* one-line block */ static final int A = 1;

    static final String BLOCK = """
        // not a comment
        /* not a comment either
        """;

    static final String END = "*/";

    int f() {
        return A; /* trailing
        block that ends here */
    }
}
