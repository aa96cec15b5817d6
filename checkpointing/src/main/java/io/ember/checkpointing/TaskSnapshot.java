package io.ember.checkpointing;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * What one task contributes to epoch {@code epoch}: taken at barrier {@code epoch}, after every operator of its
 * chain ran {@code endOfEpoch(epoch)} and the sink writer prepared its commit, before the watermark of the next
 * epoch is applied.
 *
 * <p>{@code operatorStates} holds, by position in the task's fused chain, each operator's state
 * ({@code io.ember.operators.OperatorStates}: its {@code snapshot(epoch)} bytes and its keyed tables); an element
 * is null for an operator without state. {@code sourceOffsets} is what {@code SourceReader.snapshotOffsets(epoch)}
 * returned when the task reads a streaming source, else null. The byte arrays are not copied: callers hand over
 * arrays they no longer change.
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
public record TaskSnapshot(TaskStateKey key, long epoch, long baseEpoch, List<byte[]> operatorStates,
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
  public TaskSnapshot(TaskStateKey key, long epoch, List<byte[]> operatorStates, byte[] sourceOffsets) {
    this(key, epoch, FULL, operatorStates, sourceOffsets);
  }

  /** Whether this is a delta on the snapshot of {@link #baseEpoch()}. */
  public boolean isDelta() {
    return baseEpoch != FULL;
  }

  /** The bytes of state and offsets held (what a replica or file of this snapshot roughly costs). */
  public long stateBytes() {
    long n = sourceOffsets == null ? 0 : sourceOffsets.length;
    for (byte[] s : operatorStates) {
      n += s == null ? 0 : s.length;
    }
    return n;
  }

  /** This snapshot in format {@link #FORMAT_VERSION}. */
  public byte[] encode() {
    return encodeWithChecksum().bytes();
  }

  /** An encoded snapshot and {@link Formats#checksum} of its bytes. */
  record Encoded(byte[] bytes, long checksum) {}

  /**
   * {@link #encode()} and the checksum of the result, in one pass over the bytes: the encoding is written into an
   * array of exactly its size (no growing, no copy at the end), and the CRC-32C that ends it is carried on over its
   * own four bytes to give the checksum of the whole array.
   */
  Encoded encodeWithChecksum() {
    byte[] bytes = new byte[encodedSize()];
    Output out = new Output(bytes);
    writeHeader(out);
    for (byte[] s : operatorStates) {
      Formats.writeBytes(out, s);
    }
    Formats.writeBytes(out, sourceOffsets);
    int end = out.position();
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, end);
    out.writeInt((int) crc.getValue());
    if (out.position() != bytes.length || out.getBuffer() != bytes) {
      throw new IllegalStateException("The encoded snapshot of " + key + " took " + out.position() + " bytes, not the "
          + bytes.length + " computed");
    }
    crc.update(bytes, end, Integer.BYTES);
    return new Encoded(bytes, crc.getValue());
  }

  /**
   * The length of {@link #encode()}'s bytes.
   *
   * @throws IllegalStateException when they would not fit one array
   */
  int encodedSize() {
    long size = 1 + Output.varIntLength(FORMAT_VERSION, true) + Output.varIntLength(key.vertexId(), true)
        + Output.varIntLength(key.taskIndex(), true) + Output.varLongLength(epoch, true)
        + Output.varLongLength(baseEpoch + 1, true) + Output.varIntLength(operatorStates.size(), true)
        + Formats.bytesLength(sourceOffsets) + Integer.BYTES;
    for (byte[] s : operatorStates) {
      size += Formats.bytesLength(s);
    }
    if (size > Integer.MAX_VALUE - 16) {
      throw new IllegalStateException("The snapshot of " + key + " at epoch " + epoch + " holds " + size
          + " bytes, more than one array can hold");
    }
    return (int) size;
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

  /** Receives an encoding piece by piece, in order; the pieces are only valid during the call. */
  @FunctionalInterface
  interface EncodingSink {
    void write(byte[] bytes, int offset, int length);
  }

  /**
   * Writes {@link #encode()}'s bytes ({@link #encodedSize()} of them) to {@code sink} in pieces, without building
   * them in one array (the operator states are handed over as they are), and returns {@link Formats#checksum} of
   * the whole.
   */
  long encodeTo(EncodingSink sink) {
    CRC32C crc = new CRC32C();
    EncodingSink both = (b, off, n) -> {
      crc.update(b, off, n);
      sink.write(b, off, n);
    };
    Output head = new Output(64, -1);
    writeHeader(head);
    both.write(head.getBuffer(), 0, head.position());
    for (byte[] s : operatorStates) {
      writePiece(both, s);
    }
    writePiece(both, sourceOffsets);
    Output tail = new Output(Integer.BYTES);
    tail.writeInt((int) crc.getValue());
    both.write(tail.getBuffer(), 0, Integer.BYTES);
    return crc.getValue();
  }

  /** {@link Formats#writeBytes} to a sink. */
  private static void writePiece(EncodingSink sink, byte[] bytes) {
    Output length = new Output(Integer.BYTES + 1);
    length.writeVarInt(bytes == null ? 0 : bytes.length + 1, true);
    sink.write(length.getBuffer(), 0, length.position());
    if (bytes != null) {
      sink.write(bytes, 0, bytes.length);
    }
  }

  /** Reads what {@link #encode()} wrote; the whole array must be one snapshot, and match its checksum. */
  public static TaskSnapshot decode(byte[] bytes) {
    return decode(bytes, -1);
  }

  /**
   * {@link #decode(byte[])}, also checking in the same pass that {@link Formats#checksum} of the whole array is
   * {@code wholeChecksum} (what a store recorded when it was put) unless that is negative.
   *
   * @throws CheckpointCorruptException when the bytes differ from the recorded checksum, or as {@link #decode(byte[])}
   */
  static TaskSnapshot decode(byte[] bytes, long wholeChecksum) {
    String what = "task snapshot";
    Input in = Formats.open(bytes, Formats.TASK_SNAPSHOT, FORMAT_VERSION, what);
    int end = bytes.length - Integer.BYTES;
    if (end < in.position()) {
      throw new CheckpointCorruptException("The " + what + " is truncated (" + bytes.length + " bytes).");
    }
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, end);
    if ((int) crc.getValue() != new Input(bytes, end, Integer.BYTES).readInt()) {
      throw new CheckpointCorruptException("The " + what + " (" + bytes.length + " bytes) does not match its"
          + " checksum; it was damaged.");
    }
    if (wholeChecksum >= 0) {
      crc.update(bytes, end, Integer.BYTES);
      if (crc.getValue() != wholeChecksum) {
        throw new CheckpointCorruptException("The " + what + " (" + bytes.length + " bytes) does not match the"
            + " checksum it was stored with; it was damaged.");
      }
    }
    return Formats.decoding(what, () -> {
      TaskStateKey key = new TaskStateKey(in.readVarInt(true), in.readVarInt(true));
      long epoch = in.readVarLong(true);
      long base = in.readVarLong(true) - 1;
      int n = in.readVarInt(true);
      List<byte[]> states = new ArrayList<>(Math.min(n, 1024));
      for (int i = 0; i < n; i++) {
        states.add(Formats.readBytes(in));
      }
      byte[] offsets = Formats.readBytes(in);
      if (in.position() != end) {
        throw new CheckpointCorruptException("The task snapshot of " + key + " at epoch " + epoch + " has "
            + (end - in.position()) + " bytes after its end.");
      }
      if (base != FULL && (base < 0 || base >= epoch)) {
        throw new CheckpointCorruptException("The task snapshot of " + key + " at epoch " + epoch + " names base"
            + " epoch " + base + ".");
      }
      return new TaskSnapshot(key, epoch, base, states, offsets);
    });
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof TaskSnapshot t) || !key.equals(t.key) || epoch != t.epoch || baseEpoch != t.baseEpoch
        || operatorStates.size() != t.operatorStates.size() || !Arrays.equals(sourceOffsets, t.sourceOffsets)) {
      return false;
    }
    for (int i = 0; i < operatorStates.size(); i++) {
      if (!Arrays.equals(operatorStates.get(i), t.operatorStates.get(i))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int h = (key.hashCode() * 31 + Long.hashCode(epoch)) * 31 + Long.hashCode(baseEpoch);
    for (byte[] s : operatorStates) {
      h = h * 31 + Arrays.hashCode(s);
    }
    return h * 31 + Arrays.hashCode(sourceOffsets);
  }

  @Override
  public String toString() {
    return "TaskSnapshot[" + key + ", epoch " + epoch + (isDelta() ? ", delta on " + baseEpoch : ", full") + ", " + operatorStates.size() + " operator states, "
        + stateBytes() + " bytes" + (sourceOffsets == null ? "" : ", source offsets") + "]";
  }
}
