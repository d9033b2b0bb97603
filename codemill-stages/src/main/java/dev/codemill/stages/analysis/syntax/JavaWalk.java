package dev.codemill.stages.analysis.syntax;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.treesitter.TSInputEncoding;
import org.treesitter.TSParser;
import org.treesitter.TSTree;

/**
 * The pure-Java path: parse through the binding's reader callback, then {@link NodeRecords#walk}
 * node by node. Used where the native export is not loaded; gives the same records.
 */
final class JavaWalk {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private JavaWalk() {
    }

    /** As {@link NativeTrees#parseExport}, through the binding. */
    static int[] parseExport(TSParser parser, byte[] bytes, int maxNodes, long budgetNanos) {
        // the binding reads through a TSReader that fills its buffer from a byte offset; a null reader crashes the JVM
        byte[] buffer = new byte[Math.max(16, Math.min(bytes.length, 1 << 16))];
        org.treesitter.TSReader reader = (buf, offset, point) -> {
            if (offset < 0 || offset >= bytes.length) {
                return 0;
            }
            int n = Math.min(buf.length, bytes.length - offset);
            System.arraycopy(bytes, offset, buf, 0, n);
            return n;
        };
        TSTree tree;
        boolean[] fired = {false};
        if (budgetNanos > 0) {
            long deadline = THREADS.getCurrentThreadCpuTime() + budgetNanos;
            tree = parser.parseWithOptions(buffer, null, reader, TSInputEncoding.TSInputEncodingUTF8, state -> {
                if (THREADS.getCurrentThreadCpuTime() > deadline) {
                    fired[0] = true;
                    return true;
                }
                return false;
            });
        } else {
            tree = parser.parse(buffer, null, reader, TSInputEncoding.TSInputEncodingUTF8);
        }
        if (tree == null) {
            parser.reset();
            return new int[] {fired[0] ? NodeRecords.STATUS_TIMED_OUT : NodeRecords.STATUS_FAILED, 0};
        }
        try (tree) {
            if (maxNodes == 0) {
                return new int[] {NodeRecords.STATUS_COMPLETE, 0};
            }
            return NodeRecords.walk(tree, maxNodes);
        }
    }
}
