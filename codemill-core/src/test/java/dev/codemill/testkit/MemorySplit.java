package dev.codemill.testkit;

import dev.codemill.model.Document;
import dev.codemill.run.Split;
import dev.codemill.stage.Emitter;
import java.util.List;

/** A split over documents held in memory (size unknown), for runner tests. */
public final class MemorySplit implements Split {
    private final List<Document> docs;

    private MemorySplit(List<Document> docs) {
        this.docs = List.copyOf(docs);
    }

    public static MemorySplit of(List<Document> docs) {
        return new MemorySplit(docs);
    }

    @Override
    public String name() {
        return "mem";
    }

    @Override
    public long sizeBytes() {
        return -1;
    }

    @Override
    public void read(Emitter out) {
        docs.forEach(out::keep);
    }
}
