package io.ember.checkpointing;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.ember.operators.state.ChunkedBytes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.zip.CRC32C;

/**
 * What one task contributes to epoch {@code epoch}: taken at barrier {@code epoch}, after every operator of its
 * chain ran {@code endOfEpoch(epoch)} and the sink writer prepared its commit, before the watermark of the next
 * epoch is applied.
 *
 * <p>{@code operatorStates} holds, by position in the task's fused chain, each operator's state
 * ({@code io.ember.operators.OperatorStates}: its {@code snapshot(epoch)} bytes and its keyed tables, in chunks, so
 * that a state of hundreds of megabytes needs no array of its size); an element is null for an operator without
 * state. {@code sourceOffsets} is what {@code SourceReader.snapshotOffsets(epoch)} returned when the task reads a
 * streaming source, else null. The bytes are not copied: callers hand over arrays they no longer change.
 *
 * <p>A snapshot is <em>full</em> ({@code baseEpoch} {@link #FULL}) or a <em>delta</em> on the same task's snapshot
 * of epoch {@code baseEpoch} (its previous one, which may be older than {@code epoch - 1} when not every epoch is
 * checkpointed): its operator states then hold only the table entries changed since the base. A chain (a full
 * snapshot and the deltas after it, each on the one before) gives the state at its last epoch; stores and the
 * checkpoint location keep such chains and give back the materialized state ({@link SnapshotChains}).
 *
 * <p>{@link #encode()} writes format {@link #FORMAT_VERSION}, ending with the CRC-32C of what precedes it;
 * {@link #decode(byte[])} reads only that format and throws {@link CheckpointVersionException} for any other,
 * {@link CheckpointCorruptException} for bytes that are not a whole task snapshot or fail the checksum.
 */
public record TaskSnapshot(TaskStateKey key, long epoch, long baseEpoch, List<ChunkedBytes> operatorStates,
    byte[] sourceOffsets) {
  /** The format {@link #encode()} writes and {@link #decode(byte[])} reads. */
  public static final int FORMAT_VERSION = 2;
  /** The {@link #baseEpoch()} of a full snapshot. */
  public static final long FULL = -1;

  public TaskSnapshot {
    if (key == null) {
      throw new IllegalArgumentException("A task snapshot needs its task state key");
    }
    if (epoch < 0) {
      throw new IllegalArgumentException("Epochs start at 0, got " + epoch + " for " + key);
    }
    if (baseEpoch != FULL && (baseEpoch < 0 || baseEpoch >= epoch)) {
      throw new IllegalArgumentException("The snapshot of " + key + " at epoch " + epoch + " cannot be a delta on"
          + " epoch " + baseEpoch);
    }
    operatorStates = Collections.unmodifiableList(new ArrayList<>(operatorStates));
  }

  /** A full snapshot. */
  public TaskSnapshot(TaskStateKey key, long epoch, List<ChunkedBytes> operatorStates, byte[] sourceOffsets) {
    this(key, epoch, FULL, operatorStates, sourceOffsets);
  }

  /** Whether this is a delta on the snapshot of {@link #baseEpoch()}. */
  public boolean isDelta() {
    return baseEpoch != FULL;
  }

  /** The bytes of state and offsets held (what a replica or file of this snapshot roughly costs). */
  public long stateBytes() {
    long n = sourceOffsets == null ? 0 : sourceOffsets.length;
    for (ChunkedBytes s : operatorStates) {
      n += s == null ? 0 : s.length();
    }
    return n;
  }

  /** This snapshot in format {@link #FORMAT_VERSION}, in one array (for a small message or a test). */
  public byte[] encode() {
    return encodeChunked().toByteArray();
  }

  /**
   * {@link #encode()}'s bytes in chunks that share the operator states' arrays (see {@link #encodeInChunks}): what
   * stores, files and transfers of a large snapshot use.
   */
  public ChunkedBytes encodeChunked() {
    return encodeInChunks().bytes();
  }

  /** An encoded snapshot and {@link Formats#checksum} of its bytes. */
  record Encoded(ChunkedBytes bytes, long checksum) {}

  /**
   * {@link #encode()}'s bytes as chunks and their checksum, without copying the operator states: the encoding is the
   * header and the length fields, each a small array, between the states' own chunks, and the CRC-32C that ends it
   * (carried on over its own four bytes to give the checksum of the whole). No array larger than the states' chunks
   * is made; the result shares the states' arrays, which callers no longer change.
   *
   * @throws IllegalStateException when an operator state is larger than the format's length field can say
   */
  Encoded encodeInChunks() {
    List<ChunkedBytes> pieces = new ArrayList<>(2 * operatorStates.size() + 4);
    Output head = new Output(64, -1);
    writeHeader(head);
    pieces.add(ChunkedBytes.wrap(head.toBytes()));
    for (ChunkedBytes s : operatorStates) {
      addPiece(pieces, s);
    }
    addPiece(pieces, ChunkedBytes.wrap(sourceOffsets));
    CRC32C crc = new CRC32C();
    for (ChunkedBytes p : pieces) {
      p.updateChecksum(crc);
    }
    Output tail = new Output(Integer.BYTES);
    tail.writeInt((int) crc.getValue());
    crc.update(tail.getBuffer(), 0, Integer.BYTES);
    pieces.add(ChunkedBytes.wrap(tail.getBuffer()));
    return new Encoded(ChunkedBytes.concat(pieces), crc.getValue());
  }

  /** {@link Formats#writeBytes}'s length field and the bytes themselves (none for null). */
  private void addPiece(List<ChunkedBytes> pieces, ChunkedBytes bytes) {
    if (bytes != null && bytes.length() > Integer.MAX_VALUE - 16) {
      throw new IllegalStateException("An operator state of " + key + " at epoch " + epoch + " holds "
          + bytes.length() + " bytes, more than a snapshot can");
    }
    Output length = new Output(Integer.BYTES + 1);
    length.writeVarInt(bytes == null ? 0 : (int) bytes.length() + 1, true);
    pieces.add(ChunkedBytes.wrap(length.toBytes()));
    if (bytes != null) {
      pieces.add(bytes);
    }
  }

  /** The length of {@link #encode()}'s bytes. */
  long encodedSize() {
    long size = 1 + Output.varIntLength(FORMAT_VERSION, true) + Output.varIntLength(key.vertexId(), true)
        + Output.varIntLength(key.taskIndex(), true) + Output.varLongLength(epoch, true)
        + Output.varLongLength(baseEpoch + 1, true) + Output.varIntLength(operatorStates.size(), true)
        + Formats.bytesLength(sourceOffsets) + Integer.BYTES;
    for (ChunkedBytes s : operatorStates) {
      size += s == null ? 1 : Output.varIntLength((int) Math.min(Integer.MAX_VALUE, s.length() + 1), true) + s.length();
    }
    return size;
  }

  private void writeHeader(Output out) {
    out.writeByte(Formats.TASK_SNAPSHOT);
    out.writeVarInt(FORMAT_VERSION, true);
    out.writeVarInt(key.vertexId(), true);
    out.writeVarInt(key.taskIndex(), true);
    out.writeVarLong(epoch, true);
    out.writeVarLong(baseEpoch + 1, true);
    out.writeVarInt(operatorStates.size(), true);
  }

  /**
   * Writes {@link #encode()}'s bytes ({@link #encodedSize()} of them) to {@code sink} in pieces, without building
   * them in one array (the operator states are handed over as they are), and returns {@link Formats#checksum} of
   * the whole.
   */
  long encodeTo(ChunkedBytes.PieceSink sink) {
    Encoded encoded = encodeInChunks();
    encoded.bytes().writeTo(sink);
    return encoded.checksum();
  }

  /** Reads what {@link #encode()} wrote; the whole array must be one snapshot, and match its checksum. */
  public static TaskSnapshot decode(byte[] bytes) {
    return decode(ChunkedBytes.wrap(bytes));
  }

  /**
   * Reads what {@link #encodeChunked()} wrote, as {@link #decode(byte[])} does; the operator states of the result are
   * slices of {@code bytes}, not copies.
   */
  public static TaskSnapshot decode(ChunkedBytes bytes) {
    return decode(bytes, -1);
  }

  /**
   * {@link #decode(byte[])} of chunked bytes, also checking that {@link Formats#checksum} of the whole is
   * {@code wholeChecksum} (what a store recorded when it was put) unless that is negative. The operator states of
   * the result are slices of {@code bytes} (not copies), so decoding allocates nothing of their size.
   *
   * @throws CheckpointCorruptException when the bytes differ from the recorded checksum, or as {@link #decode(byte[])}
   */
  static TaskSnapshot decode(ChunkedBytes bytes, long wholeChecksum) {
    String what = "task snapshot";
    ChunkedBytes.Reader in = Formats.open(bytes, Formats.TASK_SNAPSHOT, FORMAT_VERSION, what);
    long end = bytes.length() - Integer.BYTES;
    if (end < in.total()) {
      throw new CheckpointCorruptException("The " + what + " is truncated (" + bytes.length() + " bytes).");
    }
    CRC32C crc = new CRC32C();
    bytes.slice(0, end).updateChecksum(crc);
    byte[] tail = bytes.slice(end, Integer.BYTES).toByteArray();
    if ((int) crc.getValue() != new Input(tail).readInt()) {
      throw new CheckpointCorruptException("The " + what + " (" + bytes.length() + " bytes) does not match its"
          + " checksum; it was damaged.");
    }
    if (wholeChecksum >= 0) {
      crc.update(tail, 0, Integer.BYTES);
      if (crc.getValue() != wholeChecksum) {
        throw new CheckpointCorruptException("The " + what + " (" + bytes.length() + " bytes) does not match the"
            + " checksum it was stored with; it was damaged.");
      }
    }
    return Formats.decoding(what, () -> {
      TaskStateKey key = new TaskStateKey(in.readVarInt(true), in.readVarInt(true));
      long epoch = in.readVarLong(true);
      long base = in.readVarLong(true) - 1;
      int n = in.readVarInt(true);
      List<ChunkedBytes> states = new ArrayList<>(Math.min(n, 1024));
      for (int i = 0; i < n; i++) {
        states.add(readSlice(in, bytes));
      }
      byte[] offsets = Formats.readBytes(in);
      if (in.total() != end) {
        throw new CheckpointCorruptException("The task snapshot of " + key + " at epoch " + epoch + " has "
            + (end - in.total()) + " bytes after its end.");
      }
      if (base != FULL && (base < 0 || base >= epoch)) {
        throw new CheckpointCorruptException("The task snapshot of " + key + " at epoch " + epoch + " names base"
            + " epoch " + base + ".");
      }
      return new TaskSnapshot(key, epoch, base, states, offsets);
    });
  }

  /** What {@link Formats#writeBytes} wrote at {@code in}'s position, as a slice of {@code bytes}, which it reads. */
  private static ChunkedBytes readSlice(ChunkedBytes.Reader in, ChunkedBytes bytes) {
    int n = in.readVarInt(true);
    if (n < 0) {
      throw new KryoException("negative length " + n);
    }
    if (n == 0) {
      return null;
    }
    ChunkedBytes slice = bytes.slice(in.total(), n - 1);
    in.skip(n - 1);
    return slice;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof TaskSnapshot t) || !key.equals(t.key) || epoch != t.epoch || baseEpoch != t.baseEpoch
        || operatorStates.size() != t.operatorStates.size() || !Arrays.equals(sourceOffsets, t.sourceOffsets)) {
      return false;
    }
    for (int i = 0; i < operatorStates.size(); i++) {
      if (!Objects.equals(operatorStates.get(i), t.operatorStates.get(i))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int h = (key.hashCode() * 31 + Long.hashCode(epoch)) * 31 + Long.hashCode(baseEpoch);
    for (ChunkedBytes s : operatorStates) {
      h = h * 31 + Objects.hashCode(s);
    }
    return h * 31 + Arrays.hashCode(sourceOffsets);
  }

  @Override
  public String toString() {
    return "TaskSnapshot[" + key + ", epoch " + epoch + (isDelta() ? ", delta on " + baseEpoch : ", full") + ", " + operatorStates.size() + " operator states, "
        + stateBytes() + " bytes" + (sourceOffsets == null ? "" : ", source offsets") + "]";
  }
}
