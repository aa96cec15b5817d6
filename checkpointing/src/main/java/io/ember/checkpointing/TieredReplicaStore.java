package io.ember.checkpointing;

import io.ember.operators.state.ChunkedBytes;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link ReplicaStore} that keeps snapshots on the Java heap while they are small and in native memory once the
 * heap copies would pass a budget: a job with little state never leaves the heap (no start-up cost, nothing to free),
 * and the replicas of a job whose state is a large share of the heap (a stream-stream join holding a window of rows)
 * do not compete with that state for the heap. Each snapshot is stored whole in one tier: on the heap when the heap
 * copies plus it stay within {@link #heapBudgetBytes()}, else in native memory ({@link NativeBytes}, freed when the
 * snapshot is pruned). Without native memory ({@link NativeBytes#available()} false) every snapshot stays on the heap.
 *
 * <p>The default budget is {@link #HEAP_SHARE_DIVISOR the heap share} of the JVM's maximum heap. {@link #memoryBytes()}
 * is the heap estimate (as {@link HeapReplicaStore}'s) plus the native bytes; {@link #nativeBytes()} the latter alone.
 * A snapshot bound for native memory is encoded there piece by piece, without a copy on the heap; one kept on the
 * heap keeps the chunks of its operator states as they are. Reads of a native snapshot copy it onto the heap for
 * the caller in chunks of at most {@link ChunkedBytes#CHUNK_BYTES}. Thread-safe, as every store.
 */
public final class TieredReplicaStore extends AbstractReplicaStore {
  /** The default heap budget is the JVM's maximum heap divided by this. */
  public static final int HEAP_SHARE_DIVISOR = 16;

  private final long heapBudget;
  private final boolean nativeAvailable;
  /** Per snapshot its heap chunks or its native copy. */
  private final ConcurrentHashMap<SnapshotId, Object> entries = new ConcurrentHashMap<>();
  private final AtomicLong heapBytes = new AtomicLong();
  private final AtomicLong nativeBytes = new AtomicLong();

  /** A store with the default budget that compacts chains as {@link CompactionPolicy#DEFAULT} says. */
  public TieredReplicaStore() {
    this(Runtime.getRuntime().maxMemory() / HEAP_SHARE_DIVISOR, CompactionPolicy.DEFAULT, null);
  }

  /**
   * A store keeping at most {@code heapBudgetBytes} of snapshots on the heap (0: every snapshot in native memory when
   * it is available), compacting chains as {@code compaction} says on {@code compactor} (null: a thread of its own).
   */
  public TieredReplicaStore(long heapBudgetBytes, CompactionPolicy compaction, Executor compactor) {
    super(compaction, compactor);
    if (heapBudgetBytes < 0) {
      throw new IllegalArgumentException("The heap budget must be >= 0, got " + heapBudgetBytes);
    }
    this.heapBudget = heapBudgetBytes;
    this.nativeAvailable = NativeBytes.available();
  }

  /** The most snapshot bytes kept on the heap. */
  public long heapBudgetBytes() {
    return heapBudget;
  }

  /** Bytes of snapshots held in native memory now. */
  public long nativeBytes() {
    return nativeBytes.get();
  }

  @Override
  protected void write(SnapshotId id, ChunkedBytes encoded) {
    delete(id);
    if (!nativeAvailable || reserveHeap(encoded.length())) {
      if (!nativeAvailable) {
        heapBytes.addAndGet(encoded.length() + HeapReplicaStore.ENTRY_OVERHEAD);
      }
      release(entries.put(id, encoded));
      return;
    }
    NativeBytes copy = NativeBytes.copyOf(encoded);
    nativeBytes.addAndGet(copy.length());
    release(entries.put(id, copy));
  }

  /** As the default, but a snapshot bound for native memory is encoded straight there, never whole on the heap. */
  @Override
  protected Stored writeSnapshot(SnapshotId id, TaskSnapshot snapshot) {
    long size = snapshot.encodedSize();
    if (!nativeAvailable || heapBytes.get() + size + HeapReplicaStore.ENTRY_OVERHEAD <= heapBudget) {
      return super.writeSnapshot(id, snapshot); // write() decides again, as the heap may have filled meanwhile
    }
    delete(id);
    long[] checksum = new long[1];
    NativeBytes copy = NativeBytes.filled(size, sink -> checksum[0] = snapshot.encodeTo(sink));
    nativeBytes.addAndGet(copy.length());
    release(entries.put(id, copy));
    return new Stored(size, checksum[0]);
  }

  /** Counts {@code bytes} more on the heap when they fit the budget; false (nothing counted) otherwise. */
  private boolean reserveHeap(long bytes) {
    long cost = bytes + HeapReplicaStore.ENTRY_OVERHEAD;
    for (;;) {
      long now = heapBytes.get();
      if (now + cost > heapBudget) {
        return false;
      }
      if (heapBytes.compareAndSet(now, now + cost)) {
        return true;
      }
    }
  }

  @Override
  protected ChunkedBytes read(SnapshotId id) {
    Object held = entries.get(id);
    if (held instanceof NativeBytes n) {
      return n.read(); // null when deleted meanwhile, as for a missing entry
    }
    return (ChunkedBytes) held;
  }

  @Override
  protected void delete(SnapshotId id) {
    release(entries.remove(id));
  }

  /** Uncounts and frees a replaced or removed entry (null: none). */
  private void release(Object held) {
    if (held instanceof NativeBytes n) {
      nativeBytes.addAndGet(-n.length());
      n.free();
    } else if (held instanceof ChunkedBytes b) {
      heapBytes.addAndGet(-(b.length() + HeapReplicaStore.ENTRY_OVERHEAD));
    }
  }

  @Override
  protected void closeStorage() {
    for (SnapshotId id : entries.keySet()) {
      delete(id);
    }
  }

  @Override
  public long memoryBytes() {
    return heapBytes.get() + nativeBytes.get();
  }

  @Override
  public String toString() {
    return "TieredReplicaStore[" + entries.size() + " snapshots, heap budget " + heapBudget + " bytes]";
  }
}
