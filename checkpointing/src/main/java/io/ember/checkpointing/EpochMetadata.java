package io.ember.checkpointing;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.ember.operators.state.ChunkedBytes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What makes up epoch {@code epoch} of a query (Spark's offset log entry plus Flink's checkpoint metadata):
 * the coordinator builds it once every task acknowledged the epoch, and it is what recovery starts from.
 *
 * <ul>
 *   <li>{@code queryId}: the query's id, which stays the same across restarts from one checkpoint location;
 *   <li>{@code watermarkUs}: the event-time watermark the tasks computed at barrier {@code epoch}, the one in
 *       force for epoch {@code epoch + 1} (Spark's {@code nextBatchWatermarkMs}, in µs); {@link Long#MIN_VALUE}
 *       when there is none yet;
 *   <li>{@code tasks}: one {@link TaskEntry} per task snapshot of the epoch, with the size and CRC-32C of its
 *       encoded bytes, so a reader checks each snapshot it fetches from a replica or a file;
 *   <li>{@code sourceOffsets}: per source reader task, what {@code snapshotOffsets(epoch)} returned; recovery
 *       rewinds each reader there;
 *   <li>{@code sinkCommits}: per sink task, its serialized pre-commit of the epoch (what it handed the
 *       coordinator); recovery commits the epoch's sinks again with these (sinks are idempotent per epoch), so
 *       an epoch that was checkpointed but whose sink commit was lost is not lost;
 *   <li>{@code completedAtMillis}: wall-clock time the epoch completed.
 * </ul>
 *
 * <p>Maps are sorted by key and, like the lists, unmodifiable; byte arrays are not copied. {@link #encode()}
 * writes format {@link #FORMAT_VERSION}; {@link #decode(byte[])} reads only that format.
 */
public record EpochMetadata(String queryId, long epoch, long watermarkUs, List<TaskEntry> tasks,
    SortedMap<TaskStateKey, byte[]> sourceOffsets, SortedMap<TaskStateKey, byte[]> sinkCommits,
    long completedAtMillis) {
  /** The format {@link #encode()} writes and {@link #decode(byte[])} reads. */
  public static final int FORMAT_VERSION = 1;

  /** One task snapshot of an epoch: its key, the length and CRC-32C of its {@link TaskSnapshot#encode()} bytes. */
  public record TaskEntry(TaskStateKey key, long sizeBytes, long checksum) {
    /** The entry describing {@code encoded}, the encoded snapshot of {@code key}. */
    public static TaskEntry of(TaskStateKey key, byte[] encoded) {
      return new TaskEntry(key, encoded.length, Formats.checksum(encoded));
    }

    /** Whether {@code encoded} has this entry's size and checksum. */
    public boolean matches(byte[] encoded) {
      return matches(ChunkedBytes.wrap(encoded));
    }

    /** Whether {@code encoded} has this entry's size and checksum. */
    public boolean matches(ChunkedBytes encoded) {
      return encoded != null && encoded.length() == sizeBytes && Formats.checksum(encoded) == checksum;
    }
  }

  public EpochMetadata {
    if (queryId == null || queryId.isEmpty()) {
      throw new IllegalArgumentException("Epoch metadata needs the query id");
    }
    if (epoch < 0) {
      throw new IllegalArgumentException("Epochs start at 0, got " + epoch);
    }
    List<TaskEntry> sorted = new ArrayList<>(tasks);
    sorted.sort((a, b) -> a.key().compareTo(b.key()));
    for (int i = 1; i < sorted.size(); i++) {
      if (sorted.get(i).key().equals(sorted.get(i - 1).key())) {
        throw new IllegalArgumentException("Epoch " + epoch + " lists " + sorted.get(i).key() + " twice");
      }
    }
    tasks = Collections.unmodifiableList(sorted);
    sourceOffsets = Collections.unmodifiableSortedMap(new TreeMap<>(sourceOffsets));
    sinkCommits = Collections.unmodifiableSortedMap(new TreeMap<>(sinkCommits));
  }

  /** The entry of {@code key}, or null when the epoch has no snapshot of that task. */
  public TaskEntry task(TaskStateKey key) {
    for (TaskEntry t : tasks) {
      if (t.key().equals(key)) {
        return t;
      }
    }
    return null;
  }

  /** The sum of the encoded sizes of the epoch's task snapshots. */
  public long snapshotBytes() {
    return tasks.stream().mapToLong(TaskEntry::sizeBytes).sum();
  }

  /** This metadata in format {@link #FORMAT_VERSION}. */
  public byte[] encode() {
    Output out = Formats.begin(Formats.EPOCH_METADATA, FORMAT_VERSION, 64 + tasks.size() * 24);
    out.writeString(queryId);
    out.writeVarLong(epoch, true);
    out.writeLong(watermarkUs);
    out.writeVarLong(completedAtMillis, true);
    out.writeVarInt(tasks.size(), true);
    for (TaskEntry t : tasks) {
      writeKey(out, t.key());
      out.writeVarLong(t.sizeBytes(), true);
      out.writeLong(t.checksum());
    }
    writeMap(out, sourceOffsets);
    writeMap(out, sinkCommits);
    return out.toBytes();
  }

  /** Reads what {@link #encode()} wrote; the whole array must be one metadata record. */
  public static EpochMetadata decode(byte[] bytes) {
    String what = "epoch metadata";
    Input in = Formats.open(bytes, Formats.EPOCH_METADATA, FORMAT_VERSION, what);
    return Formats.decoding(what, () -> {
      String queryId = in.readString();
      long epoch = in.readVarLong(true);
      long watermark = in.readLong();
      long completedAt = in.readVarLong(true);
      int n = in.readVarInt(true);
      List<TaskEntry> tasks = new ArrayList<>(Math.min(n, 4096));
      for (int i = 0; i < n; i++) {
        tasks.add(new TaskEntry(readKey(in), in.readVarLong(true), in.readLong()));
      }
      SortedMap<TaskStateKey, byte[]> offsets = readMap(in);
      SortedMap<TaskStateKey, byte[]> commits = readMap(in);
      if (in.total() != bytes.length) {
        throw new CheckpointCorruptException("The metadata of epoch " + epoch + " has "
            + (bytes.length - in.total()) + " bytes after its end.");
      }
      return new EpochMetadata(queryId, epoch, watermark, tasks, offsets, commits, completedAt);
    });
  }

  private static void writeKey(Output out, TaskStateKey key) {
    out.writeVarInt(key.vertexId(), true);
    out.writeVarInt(key.taskIndex(), true);
  }

  private static TaskStateKey readKey(Input in) {
    return new TaskStateKey(in.readVarInt(true), in.readVarInt(true));
  }

  private static void writeMap(Output out, SortedMap<TaskStateKey, byte[]> map) {
    out.writeVarInt(map.size(), true);
    for (Map.Entry<TaskStateKey, byte[]> e : map.entrySet()) {
      writeKey(out, e.getKey());
      Formats.writeBytes(out, e.getValue());
    }
  }

  private static SortedMap<TaskStateKey, byte[]> readMap(Input in) {
    int n = in.readVarInt(true);
    SortedMap<TaskStateKey, byte[]> map = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      map.put(readKey(in), Formats.readBytes(in));
    }
    return map;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EpochMetadata m && queryId.equals(m.queryId) && epoch == m.epoch
        && watermarkUs == m.watermarkUs && completedAtMillis == m.completedAtMillis && tasks.equals(m.tasks)
        && sameBytes(sourceOffsets, m.sourceOffsets) && sameBytes(sinkCommits, m.sinkCommits);
  }

  private static boolean sameBytes(SortedMap<TaskStateKey, byte[]> a, SortedMap<TaskStateKey, byte[]> b) {
    if (!a.keySet().equals(b.keySet())) {
      return false;
    }
    for (Map.Entry<TaskStateKey, byte[]> e : a.entrySet()) {
      if (!Arrays.equals(e.getValue(), b.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int h = queryId.hashCode() * 31 + Long.hashCode(epoch);
    h = h * 31 + Long.hashCode(watermarkUs);
    h = h * 31 + tasks.hashCode();
    for (Map.Entry<TaskStateKey, byte[]> e : sourceOffsets.entrySet()) {
      h = h * 31 + e.getKey().hashCode() + Arrays.hashCode(e.getValue());
    }
    return h;
  }

  @Override
  public String toString() {
    return "EpochMetadata[query " + queryId + ", epoch " + epoch + ", watermark "
        + (watermarkUs == Long.MIN_VALUE ? "none" : watermarkUs + "us") + ", " + tasks.size() + " task snapshots ("
        + snapshotBytes() + " bytes), " + sourceOffsets.size() + " source offsets, " + sinkCommits.size()
        + " sink commits]";
  }
}
