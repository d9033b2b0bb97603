package dev.codemill.run;

import dev.codemill.stage.Emitter;
import java.io.IOException;

/**
 * A unit of input one worker reads: a repository folder, an archive, a dump file. Readers send
 * each document they read to {@link Emitter#keep} and each entry they refuse (too large,
 * unreadable, zip-slip, symlink, malformed line) to {@link Emitter#quarantine} with a
 * document that names it (empty text), so that every input file is counted exactly once.
 */
public interface Split {
    /** A name for progress and errors, e.g. the path read. */
    String name();

    /** Bytes this split will read, for progress and ETA; -1 when unknown. */
    long sizeBytes();

    /** Reads the split. An {@link IOException} here stops the run with exit code 3. */
    void read(Emitter out) throws IOException;
}
