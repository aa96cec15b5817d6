package io.ember.checkpointing;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * What one task contributes to epoch {@code epoch}: taken at barrier {@code epoch}, after every operator of its
 * chain ran {@code endOfEpoch(epoch)} and the sink writer prepared its commit, before the watermark of the next
 * epoch is applied.
 *
 * <p>{@code operatorStates} holds, by position in the task's fused chain, what each operator's
 * {@code snapshot(epoch)} returned; an element is null for an operator without state. {@code sourceOffsets} is
 * what {@code SourceReader.snapshotOffsets(epoch)} returned when the task reads a streaming source, else null.
 * The byte arrays are not copied: callers hand over arrays they no longer change.
 *
 * <p>{@link #encode()} writes format {@link #FORMAT_VERSION}; {@link #decode(byte[])} reads only that format
 * and throws {@link CheckpointVersionException} for any other, {@link CheckpointCorruptException} for bytes that
 * are not a whole task snapshot.
 */
public record TaskSnapshot(TaskStateKey key, long epoch, List<byte[]> operatorStates, byte[] sourceOffsets) {
  /** The format {@link #encode()} writes and {@link #decode(byte[])} reads. */
  public static final int FORMAT_VERSION = 1;

  public TaskSnapshot {
    if (key == null) {
      throw new IllegalArgumentException("A task snapshot needs its task state key");
    }
    if (epoch < 0) {
      throw new IllegalArgumentException("Epochs start at 0, got " + epoch + " for " + key);
    }
    operatorStates = Collections.unmodifiableList(new ArrayList<>(operatorStates));
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
    Output out = Formats.begin(Formats.TASK_SNAPSHOT, FORMAT_VERSION, (int) Math.min(1 << 20, stateBytes() + 32));
    out.writeVarInt(key.vertexId(), true);
    out.writeVarInt(key.taskIndex(), true);
    out.writeVarLong(epoch, true);
    out.writeVarInt(operatorStates.size(), true);
    for (byte[] s : operatorStates) {
      Formats.writeBytes(out, s);
    }
    Formats.writeBytes(out, sourceOffsets);
    return out.toBytes();
  }

  /** Reads what {@link #encode()} wrote; the whole array must be one snapshot. */
  public static TaskSnapshot decode(byte[] bytes) {
    String what = "task snapshot";
    Input in = Formats.open(bytes, Formats.TASK_SNAPSHOT, FORMAT_VERSION, what);
    return Formats.decoding(what, () -> {
      TaskStateKey key = new TaskStateKey(in.readVarInt(true), in.readVarInt(true));
      long epoch = in.readVarLong(true);
      int n = in.readVarInt(true);
      List<byte[]> states = new ArrayList<>(Math.min(n, 1024));
      for (int i = 0; i < n; i++) {
        states.add(Formats.readBytes(in));
      }
      byte[] offsets = Formats.readBytes(in);
      if (in.position() != bytes.length) {
        throw new CheckpointCorruptException("The task snapshot of " + key + " at epoch " + epoch + " has "
            + (bytes.length - in.position()) + " bytes after its end.");
      }
      return new TaskSnapshot(key, epoch, states, offsets);
    });
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof TaskSnapshot t) || !key.equals(t.key) || epoch != t.epoch
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
    int h = key.hashCode() * 31 + Long.hashCode(epoch);
    for (byte[] s : operatorStates) {
      h = h * 31 + Arrays.hashCode(s);
    }
    return h * 31 + Arrays.hashCode(sourceOffsets);
  }

  @Override
  public String toString() {
    return "TaskSnapshot[" + key + ", epoch " + epoch + ", " + operatorStates.size() + " operator states, "
        + stateBytes() + " bytes" + (sourceOffsets == null ? "" : ", source offsets") + "]";
  }
}
