package io.ember.connectors.source;

import io.ember.core.data.Batch;
import java.util.function.Consumer;

/**
 * Reads the splits of one source task. Called from one thread, never concurrently.
 *
 * <p>{@link #pollNext} must not block for long: it emits at most one batch and says whether more may
 * follow right away. The runtime calls it again when downstream has credit; after
 * {@link Status#NOTHING_AVAILABLE} it waits a little before the next poll. In a stream, after
 * {@link Status#WAITING_FOR_EPOCH} it polls again only after the next epoch cut ({@link #snapshotOffsets}).
 *
 * <p>Offsets: {@link #snapshotOffsets} describes the position after the last emitted batch; a reader of
 * the same splits restored with {@link #restoreOffsets} continues from exactly there, so no row is lost
 * or repeated (for replayable sources).
 */
public interface SourceReader extends AutoCloseable {
  /** What a poll found. */
  enum Status {
    /** A batch may have been emitted and more is available now. */
    MORE_AVAILABLE,
    /** Nothing to read at the moment (an unbounded source waiting for data). */
    NOTHING_AVAILABLE,
    /**
     * Streams only: input is available, but this reader holds it back for the next epoch (its per-epoch limit,
     * e.g. {@code maxFilesPerTrigger}, is spent). The runtime does not poll again until the epoch is cut
     * ({@link #snapshotOffsets}); it cuts that epoch as it would after rows were emitted, and does not count
     * the reader as having nothing available (Spark's {@code processAllAvailable} waits for the held-back input).
     * A reader must not return it where no epoch is cut (a batch job).
     */
    WAITING_FOR_EPOCH,
    /** Every split is read to its end; no batch will follow. */
    END_OF_INPUT
  }

  /** Emits at most one batch to {@code out}. */
  Status pollNext(Consumer<Batch> out);

  /** The position after the last emitted batch, in a versioned format this reader can restore. */
  byte[] snapshotOffsets(long epoch);

  /** Continues from a position taken by {@link #snapshotOffsets}; called before the first poll. */
  void restoreOffsets(byte[] offsets);

  /**
   * Streams: replays one epoch exactly. Called at most once, after {@link #restoreOffsets} (or on a fresh reader)
   * and before the first poll, with what {@link #snapshotOffsets} returned at the end of the epoch being replayed,
   * on a reader of the same splits whose position is at or before {@code endOffsets}. A reader that returns true
   * emits exactly the rows between its position and {@code endOffsets} (the same rows as the first time, in batches
   * of any size), then returns {@link Status#WAITING_FOR_EPOCH} (never {@link Status#END_OF_INPUT}) until the next
   * {@link #snapshotOffsets}, which returns offsets equal in meaning to {@code endOffsets}; from then on it reads
   * without a bound. Default: false, the reader cannot stop at given offsets; the replayed epoch then gets whatever
   * the reader emits before the epoch is cut, which need not be the rows it had the first time.
   *
   * @throws io.ember.core.errors.EmberRuntimeException {@code INVALID_OFFSET} when {@code endOffsets} is not a
   *     position of this reader at or after its current one
   */
  default boolean replayUntil(byte[] endOffsets) {
    return false;
  }

  /**
   * The position after the last emitted batch as JSON for progress reports (Spark's {@code startOffset} and
   * {@code endOffset}), e.g. {@code {"logOffset":3}} or {@code 1200}. Default: null (not reported).
   */
  default String describeOffsets() {
    return null;
  }

  /**
   * Streams: the runtime is about to wait for this reader to find nothing available (Spark's
   * {@code processAllAvailable}), so its next {@link Status#NOTHING_AVAILABLE} must also cover input that
   * appeared before this call (input held back for the next epoch gives {@link Status#WAITING_FOR_EPOCH}
   * instead). A reader that looks for new input only now and then (a directory listed on an interval) looks
   * again at its next poll. Called on the reader's thread, between polls. Default: nothing.
   */
  default void refresh() {}

  /** Closes open files and connections. */
  @Override
  void close();
}
