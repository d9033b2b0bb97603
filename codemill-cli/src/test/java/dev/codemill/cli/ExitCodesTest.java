package dev.codemill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import org.junit.jupiter.api.Test;

class ExitCodesTest {
    @Test
    void aFullDiskIsNamedWhateverWrapsIt() {
        // As a worker thread reports it: the JDK's exception, wrapped twice on its way out.
        FileSystemException enospc = new FileSystemException("/mnt/small/out/.codemill-work/spill-0/p-00003", null,
                "No space left on device");
        Throwable wrapped = new IllegalStateException(new UncheckedIOException("writing spill", enospc));
        assertThat(ExitCodes.of(wrapped)).isEqualTo(Main.BAD_DATA);
        assertThat(ExitCodes.message(wrapped)).isEqualTo("no space left on the disk holding "
                + "/mnt/small/out/.codemill-work/spill-0/p-00003 (/mnt/small/out/.codemill-work/spill-0/p-00003: No space "
                + "left on device); free space or choose another output folder: the previous output is unchanged and the "
                + "work folder was removed");
        assertThat(ExitCodes.of(new IllegalStateException(new IOException("Broken pipe")))).isEqualTo(Main.INTERNAL);
    }

    @Test
    void runningOutOfHeapIsOneLineAndBadData() {
        // issue 14 §5: an OutOfMemoryError from a worker, as LocalRunner.await passes it on, or wrapped
        Throwable wrapped = new IllegalStateException(new OutOfMemoryError("Java heap space"));
        assertThat(ExitCodes.of(new OutOfMemoryError("Java heap space"))).isEqualTo(Main.BAD_DATA);
        assertThat(ExitCodes.of(wrapped)).isEqualTo(Main.BAD_DATA);
        assertThat(ExitCodes.message(wrapped)).startsWith("out of memory: the Java heap (at most "
                        + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB) cannot hold")
                .endsWith("the previous output is unchanged and the work folder was removed").doesNotContain("\n");
    }
}
