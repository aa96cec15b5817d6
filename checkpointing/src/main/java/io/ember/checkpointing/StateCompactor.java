package io.ember.checkpointing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keeps the state chains of a checkpoint location short: counts each task's deltas (and their bytes) since its last
 * full state on disk and, when its {@link CompactionPolicy} calls for it (the rule the replica stores use), writes
 * the materialized state of the latest delta as the full state file beside it, on its executor. A compaction whose delta was removed by retention meanwhile, or that was written already, does
 * nothing; a failed one is only logged, since the chain stays readable.
 *
 * <p>{@link #committed} is called by the location's single writer, under its lock; {@link #awaitCompactions} from
 * any thread.
 */
final class StateCompactor {
  private static final System.Logger LOG = System.getLogger(CheckpointDirectory.class.getName());

  private final CheckpointLayout layout;
  private final CheckpointFiles files;
  private final StateChainReader chainReader;
  private final CompactionPolicy policy;
  private final Executor executor;
  /** Compactions scheduled on {@link #executor} and not finished yet; waited for by {@link #awaitCompactions}. */
  private final AtomicInteger pending = new AtomicInteger();
  /** Per task, the deltas written since its last full state on disk (unknown tasks: since this writer opened). */
  private final Map<TaskStateKey, Chain> chains = new HashMap<>();

  /** The deltas of a task's chain since its last full state, and that state's size (-1 when unknown). */
  private record Chain(int deltas, long deltaBytes, long baseBytes) {}

  StateCompactor(CheckpointLayout layout, CheckpointFiles files, StateChainReader chainReader,
      CompactionPolicy policy, Executor executor) {
    this.layout = layout;
    this.files = files;
    this.chainReader = chainReader;
    this.policy = policy;
    this.executor = executor;
  }

  /**
   * After epoch {@code epoch} committed with {@code snapshots}: counts each task's deltas and schedules the compaction
   * of a chain the policy calls for compacting.
   *
   * @throws java.util.concurrent.RejectedExecutionException when the executor refuses a compaction
   */
  void committed(long epoch, Collection<TaskSnapshot> snapshots) {
    for (TaskSnapshot s : snapshots) {
      long size = s.stateBytes();
      if (!s.isDelta()) {
        chains.put(s.key(), new Chain(0, 0, size));
        continue;
      }
      Chain c = chains.getOrDefault(s.key(), new Chain(0, 0, -1));
      Chain grown = new Chain(c.deltas() + 1, c.deltaBytes() + size, c.baseBytes());
      if (policy.shouldCompact(grown.deltas(), grown.deltaBytes(), grown.baseBytes())) {
        TaskStateKey key = s.key();
        pending.incrementAndGet();
        try {
          executor.execute(() -> {
            try {
              compact(key, epoch);
            } finally {
              compactionDone();
            }
          });
        } catch (RuntimeException rejected) {
          compactionDone();
          throw rejected;
        }
        chains.put(key, new Chain(0, 0, grown.baseBytes() < 0 ? -1 : grown.baseBytes() + grown.deltaBytes()));
      } else {
        chains.put(s.key(), grown);
      }
    }
  }

  private void compactionDone() {
    if (pending.decrementAndGet() == 0) {
      synchronized (pending) {
        pending.notifyAll();
      }
    }
  }

  /**
   * Waits until every scheduled compaction wrote its file or failed.
   *
   * @throws InterruptedException when the waiting thread is interrupted
   */
  void awaitCompactions() throws InterruptedException {
    synchronized (pending) {
      while (pending.get() > 0) {
        pending.wait();
      }
    }
  }

  /** On the executor: writes the materialized state of {@code key}'s delta of {@code epoch} as its full state file. */
  private void compact(TaskStateKey key, long epoch) {
    try {
      Path delta = layout.deltaFile(key, epoch);
      if (!Files.exists(delta) || Files.exists(layout.stateFile(key, epoch))) {
        return; // removed by retention meanwhile, or compacted already
      }
      TaskSnapshot full = chainReader.materialize(TaskSnapshot.decode(files.readChunked(delta)));
      files.writeAtomically(layout.stateFile(key, epoch), full.encodeChunked());
    } catch (IOException | RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "Cannot compact the state of " + key + " at epoch " + epoch + " in "
          + layout.location() + "; its chain of deltas is kept", e);
    }
  }
}
