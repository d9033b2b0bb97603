package dev.codemill.spark;

import dev.codemill.metrics.RunStats;
import dev.codemill.model.Document;
import dev.codemill.run.ClusterUnits;
import dev.codemill.run.DocumentCodec;
import dev.codemill.run.LedgerRow;
import dev.codemill.stage.ClusterStage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * One record a task hands back: a document (under the key of the next boundary: group key,
 * cluster unit or id), a cluster membership (under its unit), a ledger row, a branch's copy of a
 * document (under the branch name), or the task's counts. Documents and ledger rows cross Spark in core's {@link DocumentCodec} form, the
 * local runner's spill form, so both runners see the same values.
 */
final class Rec implements Serializable {
    private static final long serialVersionUID = 1L;

    static final byte DOC = 'D';
    static final byte MEMBER = 'M';
    static final byte LEDGER = 'L';
    static final byte STATS = 'S';
    /** A copy of a document leaving a branch's feeding point, under the branch's name. */
    static final byte BRANCH = 'B';

    final byte kind;
    final String key;
    final byte[] data;

    Rec(byte kind, String key, byte[] data) {
        this.kind = kind;
        this.key = key;
        this.data = data;
    }

    static Rec doc(String key, Document d) {
        return new Rec(DOC, key, encode(d));
    }

    static Rec branch(String name, Document d) {
        return new Rec(BRANCH, name, encode(d));
    }

    static Rec member(String unit, ClusterStage.Membership m) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            byte[] rank = m.rank().getBytes(StandardCharsets.UTF_8);
            out.writeInt(rank.length);
            out.write(rank);
            out.writeInt(m.payload().length);
            out.write(m.payload());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Rec(MEMBER, unit, bytes.toByteArray());
    }

    static Rec ledger(LedgerRow r) {
        return new Rec(LEDGER, r.id(), DocumentCodec.encode(r));
    }

    static Rec stats(RunStats s) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Rec(STATS, "", bytes.toByteArray());
    }

    static byte[] encode(Document d) {
        return DocumentCodec.encode(d);
    }

    static Document decode(byte[] data) {
        return DocumentCodec.decode(data);
    }

    Document document() {
        return decode(data);
    }

    ClusterUnits.Unit unit() {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            byte[] rank = new byte[in.readInt()];
            in.readFully(rank);
            byte[] payload = new byte[in.readInt()];
            in.readFully(payload);
            return new ClusterUnits.Unit(key, new String(rank, StandardCharsets.UTF_8), payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    LedgerRow ledgerRow() {
        return DocumentCodec.decodeLedger(data);
    }

    RunStats runStats() {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(data))) {
            return (RunStats) in.readObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
