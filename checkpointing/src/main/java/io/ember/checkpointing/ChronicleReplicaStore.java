package io.ember.checkpointing;

import io.ember.core.errors.EmberRuntimeException;
import io.ember.operators.state.ChunkedBytes;
import io.ember.operators.state.offheap.ChronicleByteMap;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import net.openhft.chronicle.map.ChronicleMap;

/**
 * A {@link ReplicaStore} that keeps snapshots off-heap in a {@link ChronicleMap}, so large replicas cost no
 * garbage-collection time. Needs the JVM flags Ember's launcher sets for Chronicle Map.
 *
 * <p>A snapshot is stored as chunks of at most {@link #CHUNK_BYTES} bytes (Chronicle sizes its segments for the
 * average entry, so one huge value would not fit); the first chunk starts with the number of chunks. The map is
 * made at the first put, for the expected number of snapshots and their average size given to the constructor
 * (times {@link #HEADROOM}). When a put fails because the map is full, or a chunk is far larger than the sizes
 * the map was made for, the store copies every entry into a map twice as large and retries; {@link #growths()}
 * counts that. {@link #memoryBytes()} is the off-heap memory the map uses.
 *
 * <p>Thread-safe: reads, writes and deletes share the map (Chronicle maps are concurrent); growing takes the map
 * exclusively.
 */
public final class ChronicleReplicaStore extends AbstractReplicaStore {
  /** Largest stored chunk of a snapshot. */
  public static final int CHUNK_BYTES = 256 * 1024;
  /** Capacity relative to the expected chunk count. */
  static final double HEADROOM = ChronicleByteMap.HEADROOM;
  /** The smallest capacity, in chunks, a map is made with. */
  static final long MIN_ENTRIES = 64;
  /** How many times one write may grow the map before giving up. */
  private static final int MAX_GROWTHS_PER_WRITE = 8;

  private final String name;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  /** Its map is null until the first write and replaced when the store grows. Guarded by {@link #lock}. */
  private final ChronicleByteMap offHeap;
  /** Set once the storage closed; guarded by {@link #lock} (not the index monitor, which is taken first). */
  private boolean storageClosed;

  /**
   * A store named {@code name} (in errors and Chronicle's logs) sized for {@code expectedSnapshots} snapshots of
   * {@code averageSnapshotBytes} encoded bytes; both are hints, the store grows past them.
   */
  public ChronicleReplicaStore(String name, long expectedSnapshots, long averageSnapshotBytes) {
    this(name, expectedSnapshots, averageSnapshotBytes, CompactionPolicy.DEFAULT, null);
  }

  /**
   * As {@link #ChronicleReplicaStore(String, long, long)}, compacting chains every {@code minDeltasForSnapshot}
   * deltas (or when the deltas outweigh their base, {@link CompactionPolicy#everyDeltas}) on {@code compactor}
   * (null: a daemon thread of its own).
   */
  public ChronicleReplicaStore(String name, long expectedSnapshots, long averageSnapshotBytes,
      int minDeltasForSnapshot, Executor compactor) {
    this(name, expectedSnapshots, averageSnapshotBytes, CompactionPolicy.everyDeltas(minDeltasForSnapshot),
        compactor);
  }

  /**
   * As {@link #ChronicleReplicaStore(String, long, long)}, compacting chains as {@code compaction} says on
   * {@code compactor} (null: a daemon thread of its own).
   */
  public ChronicleReplicaStore(String name, long expectedSnapshots, long averageSnapshotBytes,
      CompactionPolicy compaction, Executor compactor) {
    super(compaction, compactor);
    if (expectedSnapshots < 0 || averageSnapshotBytes < 0) {
      throw new IllegalArgumentException("Replica store size hints must be >= 0, got " + expectedSnapshots
          + " snapshots of " + averageSnapshotBytes + " bytes");
    }
    this.name = name;
    long chunksPerSnapshot = Math.max(1, (averageSnapshotBytes + CHUNK_BYTES - 1) / CHUNK_BYTES);
    this.offHeap = new ChronicleByteMap(name, "off-heap replica store " + name, "Off-heap replicas need the JVM"
        + " flags Ember's launcher sets (--add-exports and --add-opens for Chronicle Map); run with them or use the"
        + " heap replica store.", Math.max(MIN_ENTRIES, (long) Math.ceil(expectedSnapshots * chunksPerSnapshot
        * HEADROOM)), 32, (int) Math.max(16, Math.min(averageSnapshotBytes, CHUNK_BYTES)));
  }

  /** The key of chunk {@code chunk} of {@code id}. */
  private static byte[] chunkKey(SnapshotId id, int chunk) {
    byte[] job = id.jobId().getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(job.length + 21).put(job).putLong(id.epoch()).putInt(id.key().vertexId())
        .putInt(id.key().taskIndex()).put((byte) (id.compacted() ? 1 : 0)).putInt(chunk).array();
  }

  @Override
  protected void write(SnapshotId id, ChunkedBytes encoded) {
    delete(id);
    long length = encoded.length();
    int chunks = (int) Math.max(1, (length + CHUNK_BYTES - 1) / CHUNK_BYTES);
    for (int c = 0; c < chunks; c++) {
      long from = (long) c * CHUNK_BYTES;
      byte[] piece = encoded.slice(from, Math.min(length, from + CHUNK_BYTES) - from).toByteArray();
      byte[] value = c == 0 ? ByteBuffer.allocate(4 + piece.length).putInt(chunks).put(piece).array() : piece;
      putChunk(chunkKey(id, c), value);
    }
  }

  private void putChunk(byte[] key, byte[] value) {
    for (int attempt = 0; ; attempt++) {
      ChronicleMap<byte[], byte[]> used = null;
      lock.readLock().lock();
      try {
        used = offHeap.map();
        if (used != null) {
          used.put(key, value);
          return;
        }
      } catch (IllegalStateException | IllegalArgumentException full) {
        if (attempt == MAX_GROWTHS_PER_WRITE) {
          throw new EmberRuntimeException("STATE_STORE_FULL", "The off-heap replica store " + name + " cannot store"
              + " a chunk of " + value.length + " bytes after growing to " + offHeap.capacity() + " entries: "
              + full.getMessage() + ". Use the heap replica store.", full);
        }
      } finally {
        lock.readLock().unlock();
      }
      growOrCreate(used, key.length, value.length);
    }
  }

  /** Creates the map, or grows {@code full} unless another thread already replaced it. */
  private void growOrCreate(ChronicleMap<byte[], byte[]> full, int keyBytes, int valueBytes) {
    lock.writeLock().lock();
    try {
      if (storageClosed) {
        throw new IllegalStateException("The replica store " + name + " is closed");
      }
      if (offHeap.map() != full) {
        return;
      }
      if (full == null) {
        offHeap.widenAverageKey(keyBytes);
        offHeap.create();
        return;
      }
      offHeap.grow(keyBytes, valueBytes);
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  protected ChunkedBytes read(SnapshotId id) {
    lock.readLock().lock();
    try {
      ChronicleMap<byte[], byte[]> map = offHeap.map();
      if (map == null) {
        return null;
      }
      byte[] first = map.get(chunkKey(id, 0));
      if (first == null) {
        return null;
      }
      int chunks = ByteBuffer.wrap(first).getInt();
      List<ChunkedBytes> parts = new ArrayList<>(chunks);
      parts.add(ChunkedBytes.wrap(first).slice(4, first.length - 4));
      for (int c = 1; c < chunks; c++) {
        byte[] part = map.get(chunkKey(id, c));
        if (part == null) {
          return null; // deleted while being read
        }
        parts.add(ChunkedBytes.wrap(part));
      }
      return ChunkedBytes.concat(parts);
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  protected void delete(SnapshotId id) {
    lock.readLock().lock();
    try {
      ChronicleMap<byte[], byte[]> map = offHeap.map();
      if (map == null) {
        return;
      }
      byte[] first = map.remove(chunkKey(id, 0));
      if (first == null) {
        return;
      }
      int chunks = ByteBuffer.wrap(first).getInt();
      for (int c = 1; c < chunks; c++) {
        map.remove(chunkKey(id, c));
      }
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  protected void closeStorage() {
    lock.writeLock().lock();
    try {
      storageClosed = true;
      offHeap.close();
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public long memoryBytes() {
    lock.readLock().lock();
    try {
      return offHeap.memoryBytes();
    } finally {
      lock.readLock().unlock();
    }
  }

  /** The number of chunks the current map was made for. */
  public long capacity() {
    lock.readLock().lock();
    try {
      return offHeap.capacity();
    } finally {
      lock.readLock().unlock();
    }
  }

  /** How many times the store was rebuilt into a larger map. */
  public int growths() {
    lock.readLock().lock();
    try {
      return offHeap.growths();
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public String toString() {
    return "ChronicleReplicaStore[" + name + "]";
  }
}
