package io.ember.operators.testkit;

import io.ember.core.data.Batch;
import io.ember.core.data.Row;
import io.ember.core.expr.EvalContext;
import io.ember.core.types.StructType;
import io.ember.operators.Operator;
import io.ember.operators.OperatorContext;
import io.ember.operators.OperatorSpec;
import io.ember.operators.OperatorStates;
import io.ember.operators.memory.MemoryBudget;
import io.ember.operators.state.ChunkedBytes;
import io.ember.operators.state.StateBackend;
import io.ember.operators.state.TrackedState;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SortedMap;

/**
 * Drives one operator made from an {@link OperatorSpec} without actors: feed batches per input, signal end
 * of input, and collect what it emits. Single-threaded, as a task is.
 *
 * <p>Typical use:
 *
 * <pre>{@code
 * List<Row> rows = OperatorHarness.of(spec)
 *     .withBatchSize(2)
 *     .withSnapshotRestoreBetweenBatches()
 *     .feed(0, batch1, batch2)
 *     .endOfInput(0)
 *     .outputRows();
 * }</pre>
 *
 * <p>With {@link #withSnapshotRestoreBetweenBatches()} the harness snapshots the operator after every batch
 * (and watermark), closes it, and restores the snapshot into a fresh instance from the same spec with a fresh
 * {@link MemoryBudget} of the same limit, as recovery on another task would. A correct operator gives the same
 * output either way. Snapshots are taken as a task takes them ({@link OperatorStates}): the first one full, the
 * later ones deltas on the previous one; a restore applies the whole chain in order, and every
 * {@link #COMPACT_EVERY}th one first compacts the chain into one full state, as a replica store does. After each
 * restore the harness checks that the fresh instance's tables hold exactly what the closed instance's held
 * (an {@link AssertionError} otherwise), so a delta that misses a change fails at the step that made it.
 *
 * <p>Every emitted batch is checked against {@link OperatorSpec#outputSchema()} (same field count and types);
 * a mismatch fails with an {@link AssertionError}. The operator is created and opened lazily on the first
 * call that needs it; configure the harness before that.
 */
public final class OperatorHarness {
  /** Every this many restores, the harness compacts the chain of states before restoring it. */
  public static final int COMPACT_EVERY = 3;

  private final OperatorSpec spec;
  private TrackedState tracked;
  private final List<ChunkedBytes> chain = new ArrayList<>();
  private OperatorContext baseContext = OperatorContext.forTest();
  private boolean snapshotRestore;
  private Operator operator;
  private OperatorContext context;
  private boolean[] ended;
  private long epoch;
  private long streamEpoch;
  private int restores;
  private final List<Batch> output = new ArrayList<>();
  private int drained;

  private OperatorHarness(OperatorSpec spec) {
    this.spec = spec;
  }

  /** A harness for a fresh operator of {@code spec}, with {@link OperatorContext#forTest()}. */
  public static OperatorHarness of(OperatorSpec spec) {
    return new OperatorHarness(spec);
  }

  /** Uses {@code context} for the first instance; restored instances get a fresh budget of the same limit. */
  public OperatorHarness withContext(OperatorContext context) {
    requireNotStarted();
    this.baseContext = context;
    return this;
  }

  /** Sets {@link OperatorContext#batchSize()}. */
  public OperatorHarness withBatchSize(int batchSize) {
    requireNotStarted();
    OperatorContext c = baseContext;
    baseContext = new OperatorContext(c.taskIndex(), c.parallelism(), c.eval(), c.memory(), batchSize, c.state());
    return this;
  }

  /** Gives the operator a {@link MemoryBudget} of {@code limitBytes}. */
  public OperatorHarness withMemoryBudget(long limitBytes) {
    requireNotStarted();
    OperatorContext c = baseContext;
    baseContext = new OperatorContext(c.taskIndex(), c.parallelism(), c.eval(), new MemoryBudget(limitBytes), c.batchSize(),
        c.state());
    return this;
  }

  /**
   * Gives the operator {@code budget} (its limit and spill directory; a restored instance gets a
   * {@linkplain MemoryBudget#fresh() fresh} copy), e.g. to read its spill counters afterwards.
   */
  public OperatorHarness withMemoryBudget(MemoryBudget budget) {
    requireNotStarted();
    OperatorContext c = baseContext;
    baseContext = new OperatorContext(c.taskIndex(), c.parallelism(), c.eval(), budget, c.batchSize(), c.state());
    return this;
  }

  /** Sets the expression context (ANSI mode, time zone). */
  public OperatorHarness withEvalContext(EvalContext eval) {
    requireNotStarted();
    OperatorContext c = baseContext;
    baseContext = new OperatorContext(c.taskIndex(), c.parallelism(), eval, c.memory(), c.batchSize(), c.state());
    return this;
  }

  /** Keeps the operator's keyed state in {@code backend}'s tables. */
  public OperatorHarness withStateBackend(StateBackend backend) {
    requireNotStarted();
    baseContext = baseContext.withState(backend);
    return this;
  }

  /** Snapshots and restores into a fresh instance after every batch and watermark. */
  public OperatorHarness withSnapshotRestoreBetweenBatches() {
    requireNotStarted();
    this.snapshotRestore = true;
    return this;
  }

  /** Processes {@code batches} on {@code input}, in order. */
  public OperatorHarness feed(int input, Batch... batches) {
    return feed(input, Arrays.asList(batches));
  }

  /** Processes {@code batches} on {@code input}, in order. */
  public OperatorHarness feed(int input, List<Batch> batches) {
    start();
    checkInput(input);
    if (ended[input]) {
      throw new IllegalStateException("Input " + input + " already ended");
    }
    for (Batch b : batches) {
      operator.process(input, b, this::collect);
      maybeSnapshotRestore();
    }
    return this;
  }

  /** Splits {@code rows} into batches of at most {@code rowsPerBatch} rows of {@code schema} and feeds them. */
  public OperatorHarness feedRows(int input, StructType schema, List<Row> rows, int rowsPerBatch) {
    return feed(input, batches(schema, rows, rowsPerBatch));
  }

  /** Signals the end of {@code input}. */
  public OperatorHarness endOfInput(int input) {
    start();
    checkInput(input);
    if (ended[input]) {
      throw new IllegalStateException("Input " + input + " already ended");
    }
    ended[input] = true;
    operator.endOfInput(input, this::collect);
    return this;
  }

  /** Ends every input not yet ended, in input order (build side before probe side for joins). */
  public OperatorHarness endAllInputs() {
    start();
    for (int i = 0; i < ended.length; i++) {
      if (!ended[i]) {
        endOfInput(i);
      }
    }
    return this;
  }

  /**
   * Ends the current epoch (numbered from 0): the operator emits its per-epoch output. Returns the harness;
   * {@link #drainRows()} then gives what the epoch emitted.
   */
  public OperatorHarness endOfEpoch() {
    start();
    operator.endOfEpoch(streamEpoch++, this::collect);
    maybeSnapshotRestore();
    return this;
  }

  /** Advances the watermark. */
  public OperatorHarness watermark(long watermarkMicros) {
    start();
    operator.onWatermark(watermarkMicros, this::collect);
    maybeSnapshotRestore();
    return this;
  }

  /**
   * Takes a snapshot now (a delta on the previous one, if any) and restores the chain of snapshots into a fresh
   * instance, whatever the configuration.
   *
   * @throws AssertionError when the restored tables differ from the ones the operator held
   */
  public OperatorHarness snapshotAndRestore() {
    start();
    ChunkedBytes state = OperatorStates.take(operator, tracked, epoch++, chain.isEmpty());
    List<SortedMap<ByteBuffer, ByteBuffer>> before = tracked.contents();
    operator.close();
    restores++;
    openFresh();
    if (state != null) {
      chain.add(state);
      if (restores % COMPACT_EVERY == 0) {
        ChunkedBytes compacted = OperatorStates.compact(chain);
        chain.clear();
        chain.add(compacted);
      }
      OperatorStates.restore(operator, tracked, chain);
    }
    List<SortedMap<ByteBuffer, ByteBuffer>> after = tracked.contents();
    if (!before.equals(after)) {
      throw new AssertionError(spec.explain() + ": restoring a chain of " + chain.size() + " states gave tables of "
          + sizes(after) + " entries, not the " + sizes(before) + " the operator held");
    }
    return this;
  }

  private static List<Integer> sizes(List<SortedMap<ByteBuffer, ByteBuffer>> tables) {
    return tables.stream().map(SortedMap::size).toList();
  }

  /** The snapshots a restore applies now: a full one, then deltas (empty before the first snapshot). */
  public List<ChunkedBytes> snapshotChain() {
    return List.copyOf(chain);
  }

  /** Feeds each list of batches to its input (index = position), ends all inputs and returns every emitted row. */
  @SafeVarargs
  public final List<Row> run(List<Batch>... inputs) {
    for (int i = 0; i < inputs.length; i++) {
      feed(i, inputs[i]);
      endOfInput(i);
    }
    endAllInputs();
    close();
    return outputRows();
  }

  /** Every batch emitted so far, in order. */
  public List<Batch> outputBatches() {
    return List.copyOf(output);
  }

  /** Every row emitted so far, in order. */
  public List<Row> outputRows() {
    List<Row> rows = new ArrayList<>();
    for (Batch b : output) {
      rows.addAll(b.toRows());
    }
    return rows;
  }

  /** The rows emitted since the previous call to this method. */
  public List<Row> drainRows() {
    List<Row> rows = new ArrayList<>();
    for (int i = drained; i < output.size(); i++) {
      rows.addAll(output.get(i).toRows());
    }
    drained = output.size();
    return rows;
  }

  /** The running instance (it changes at each restore). */
  public Operator operator() {
    start();
    return operator;
  }

  /** The context of the running instance. */
  public OperatorContext context() {
    start();
    return context;
  }

  /** How many times the operator was restored into a fresh instance. */
  public int restoreCount() {
    return restores;
  }

  /** Closes the running instance. */
  public void close() {
    if (operator != null) {
      operator.close();
    }
  }

  /** Splits rows into batches of at most {@code rowsPerBatch} rows. */
  public static List<Batch> batches(StructType schema, List<Row> rows, int rowsPerBatch) {
    if (rowsPerBatch <= 0) {
      throw new IllegalArgumentException("rowsPerBatch must be positive, got " + rowsPerBatch);
    }
    List<Batch> out = new ArrayList<>();
    for (int from = 0; from < rows.size(); from += rowsPerBatch) {
      out.add(Batch.fromRows(schema, rows.subList(from, Math.min(rows.size(), from + rowsPerBatch))));
    }
    return out;
  }

  private void start() {
    if (operator == null) {
      ended = new boolean[spec.numInputs()];
      operator = spec.create();
      tracked = new TrackedState(baseContext.state());
      context = baseContext.withState(tracked);
      operator.open(context);
    }
  }

  private void openFresh() {
    OperatorContext c = baseContext;
    tracked = new TrackedState(c.state());
    context = new OperatorContext(
        c.taskIndex(), c.parallelism(), c.eval(), c.memory().fresh(), c.batchSize(), tracked);
    operator = spec.create();
    operator.open(context);
  }

  private void maybeSnapshotRestore() {
    if (snapshotRestore) {
      snapshotAndRestore();
    }
  }

  private void collect(Batch batch) {
    StructType expected = spec.outputSchema();
    StructType actual = batch.schema();
    boolean ok = expected.size() == actual.size();
    for (int i = 0; ok && i < expected.size(); i++) {
      ok = expected.field(i).dataType().equals(actual.field(i).dataType());
    }
    if (!ok) {
      throw new AssertionError(
          spec.explain() + " emitted a batch of " + actual.simpleString() + " but declares " + expected.simpleString());
    }
    output.add(batch);
  }

  private void checkInput(int input) {
    if (input < 0 || input >= ended.length) {
      throw new IllegalArgumentException(spec.explain() + " has " + ended.length + " input(s); no input " + input);
    }
  }

  private void requireNotStarted() {
    if (operator != null) {
      throw new IllegalStateException("Configure the harness before feeding it");
    }
  }
}
