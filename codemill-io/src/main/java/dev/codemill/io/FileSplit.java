package dev.codemill.io;

import dev.codemill.run.Split;
import dev.codemill.stage.Emitter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A split that is one input file, read whole by one reader function. */
public final class FileSplit implements Split {
    /** Reads one file into documents and quarantined entries. */
    @FunctionalInterface
    public interface Reader {
        void read(Path file, Emitter out) throws IOException;
    }

    private final Path file;
    private final Reader reader;

    public FileSplit(Path file, Reader reader) {
        this.file = file;
        this.reader = reader;
    }

    @Override
    public String name() {
        return file.toString();
    }

    /** The file's size in bytes, or -1 when it cannot be read. */
    @Override
    public long sizeBytes() {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public void read(Emitter out) throws IOException {
        reader.read(file, out);
    }
}
