package io.ember.runtime.local;

import io.ember.checkpointing.TaskSnapshot;
import io.ember.checkpointing.TaskStateKey;
import io.ember.connectors.sink.CommitMessage;
import io.ember.connectors.sink.SinkWriter;
import io.ember.connectors.source.ReaderContext;
import io.ember.connectors.source.SourceReader;
import io.ember.core.data.Batch;
import io.ember.core.errors.EmberRuntimeException;
import io.ember.operators.EventTimeTracker;
import io.ember.operators.EventTimeTracker.EventTimeStats;
import io.ember.operators.Operator;
import io.ember.operators.OperatorContext;
import io.ember.operators.OperatorSpec;
import io.ember.operators.OperatorStates;
import io.ember.operators.Output;
import io.ember.operators.StateMetrics;
import io.ember.operators.memory.MemoryBudget;
import io.ember.operators.memory.SpillDirectory;
import io.ember.operators.state.ChunkedBytes;
import io.ember.operators.state.TrackedState;
import io.ember.runtime.JobConfig;
import io.ember.runtime.graph.Vertex;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs a task's fused chain without knowing about actors: an optional source reader at the head, the
 * operators of every operator vertex in order, and either a sink writer at the tail or a downstream
 * consumer (the task's output gates). Batches are pushed through synchronously; empty batches are dropped
 * between stages. Counts the rows each vertex emits. In a streaming job the owning task also drives the
 * epoch steps: {@link #endOfEpoch}, {@link #prepareCommit}, {@link #onWatermark} and the figures an epoch
 * acknowledgement carries.
 *
 * <p>Single-threaded: the owning task actor calls it from one thread at a time.
 */
final class TaskPipeline implements AutoCloseable {
  private final TaskSpec spec;
  private final List<Operator> operators = new ArrayList<>();
  /** Each operator's keyed state tables, by chain position; snapshotted with the operator ({@link OperatorStates}). */
  private final List<TrackedState> operatorTables = new ArrayList<>();
  /** The epoch of the last {@link #snapshot}, or {@link TaskSnapshot#FULL} before the first. */
  private long lastSnapshotEpoch = TaskSnapshot.FULL;
  /** When a snapshot is full although the previous one exists. */
  private final SnapshotSchedule schedule;
  /**
   * The tables of the pipeline this one replaces in an in-place rollback ({@link #keepStateFor}), by chain position
   * (null for an operator without tables), or null: the operators are opened with them and rolled back in place.
   */
  private List<TrackedState> kept;
  private final List<Integer> vertexOfOperator = new ArrayList<>();
  private final List<Boolean> lastOfVertex = new ArrayList<>();
  private final Map<Integer, long[]> rows = new LinkedHashMap<>();
  private final JobConfig config;
  private Output[] outputs = new Output[0];
  private final Consumer<Batch> downstream;
  private SourceReader reader;
  private SinkWriter writer;
  private int sinkVertex = -1;
  private int sourceVertex = -1;
  private boolean writerPrepared;

  TaskPipeline(TaskSpec spec, JobConfig config, Consumer<Batch> downstream) {
    this.spec = spec;
    this.config = config;
    this.downstream = downstream;
    this.schedule = SnapshotSchedule.forTask(spec.index());
  }

  /** What a task reports about its operators at an epoch barrier. */
  record EpochFigures(Map<Integer, EventTimeStats> eventTime, Map<Integer, Long> candidates,
      Map<Integer, StateMetrics> stateMetrics) {}

  /**
   * Creates and opens the reader, operators and writer of the chain. If one fails, what was created stays
   * registered, so {@link #close} releases it.
   */
  void open() {
    for (Vertex v : spec.chain().vertices()) {
      rows.put(v.id(), new long[1]);
      if (v instanceof Vertex.OperatorVertex ov) {
        List<OperatorSpec> chain = ov.chain();
        for (int k = 0; k < chain.size(); k++) {
          operators.add(chain.get(k).create());
          vertexOfOperator.add(v.id());
          lastOfVertex.add(k == chain.size() - 1);
        }
      }
    }
    this.outputs = new Output[operators.size()];
    for (int k = 0; k < outputs.length; k++) {
      int stage = k;
      outputs[k] = batch -> emitFrom(stage, batch);
    }
    int parallelism = spec.chain().parallelism();
    Vertex head = spec.chain().head();
    if (head instanceof Vertex.SourceVertex sv) {
      sourceVertex = sv.id();
      reader = sv.source().createReader(
          spec.splits(), new ReaderContext(spec.index(), parallelism, config.batchSize(), config.eval()));
    }
    if (spec.chain().tail() instanceof Vertex.SinkVertex sink) {
      sinkVertex = sink.id();
      writer = sink.sink().createWriter(spec.index(), parallelism, sink.inputSchema());
    }
    MemoryBudget budget = new MemoryBudget(config.memoryBudgetBytes(), SpillDirectory.of(config.localDir()));
    OperatorContext context =
        new OperatorContext(spec.index(), parallelism, config.eval(), budget, config.batchSize(),
            config.stateBackend());
    for (int k = 0; k < operators.size(); k++) {
      TrackedState tables = kept != null && kept.get(k) != null ? kept.get(k) : new TrackedState(config.stateBackend());
      operatorTables.add(tables);
      operators.get(k).open(context.withState(tables));
    }
  }

  /**
   * Before this pipeline is closed for a rollback to its own snapshot of epoch {@code epoch}: when every operator
   * with keyed state tables can put them back to that snapshot with their undo logs
   * ({@link TrackedState#canRollBackTo}: the snapshot was taken by this pipeline and no table was cleared or gave up
   * its log since) and at least one has tables, keeps the tables open past {@link #close} and returns them for the
   * replacing pipeline ({@link #reuseState}); otherwise null and nothing changes (the rollback restores in full).
   */
  List<TrackedState> keepStateFor(long epoch) {
    if (operatorTables.size() != operators.size()) {
      return null; // not opened, or failed while opening
    }
    boolean any = false;
    for (TrackedState tables : operatorTables) {
      if (tables.tableCount() > 0) {
        if (!tables.canRollBackTo(epoch)) {
          return null;
        }
        any = true;
      }
    }
    if (!any) {
      return null;
    }
    List<TrackedState> out = new ArrayList<>(operatorTables.size());
    for (TrackedState tables : operatorTables) {
      out.add(tables.tableCount() > 0 ? tables.keepForRollback() : null);
    }
    return out;
  }

  /**
   * Before {@link #open}: the operators take the tables {@code keptState} ({@link #keepStateFor} of the pipeline this
   * one replaces) and {@link #restore(List, byte[], long)} rolls them back in place instead of rebuilding them.
   */
  void reuseState(List<TrackedState> keptState) {
    this.kept = keptState;
  }

  /** Whether the operators took the tables of a pipeline this one replaces and roll them back in place at restore. */
  boolean reusesState() {
    return kept != null;
  }

  /** The head reader should look for new input at its next poll ({@link SourceReader#refresh()}). */
  void refreshSource() {
    if (reader != null) {
      reader.refresh();
    }
  }

  /** Polls the head reader once. */
  SourceReader.Status poll() {
    return reader.pollNext(this::fromSource);
  }

  /** Feeds a batch that arrived on {@code input} to the head. */
  void process(int input, Batch batch) {
    if (operators.isEmpty()) {
      toTail(batch);
    } else {
      operators.get(0).process(input, batch, outputs[0]);
    }
  }

  /** Input {@code input} of the head ended; when {@code last}, every input has, and the chain finishes. */
  void endOfInput(int input, boolean last) {
    if (operators.isEmpty()) {
      return;
    }
    operators.get(0).endOfInput(input, outputs[0]);
    if (last) {
      finishFrom(1);
    }
  }

  /** The head reader reached its end: every operator of the chain sees end of input. */
  void endOfSource() {
    finishFrom(0);
  }

  private void finishFrom(int first) {
    for (int k = first; k < operators.size(); k++) {
      operators.get(k).endOfInput(0, outputs[k]);
    }
  }

  /** Every row of epoch {@code epoch} was processed: each operator in chain order ends the epoch. */
  void endOfEpoch(long epoch) {
    for (int k = 0; k < operators.size(); k++) {
      operators.get(k).endOfEpoch(epoch, outputs[k]);
    }
  }

  /** The watermark advanced to {@code watermarkMicros}: each operator in chain order hears of it. */
  void onWatermark(long watermarkMicros) {
    for (int k = 0; k < operators.size(); k++) {
      operators.get(k).onWatermark(watermarkMicros, outputs[k]);
    }
  }

  /**
   * The smallest candidate watermark of the chain's event-time trackers that saw an event time; {@link
   * Long#MIN_VALUE} when none did (the task then holds no watermark back).
   */
  long minCandidateWatermarkMicros() {
    long min = Long.MAX_VALUE;
    boolean any = false;
    for (Operator op : operators) {
      if (op instanceof EventTimeTracker t && t.candidateWatermarkMicros() != Long.MIN_VALUE) {
        min = Math.min(min, t.candidateWatermarkMicros());
        any = true;
      }
    }
    return any ? min : Long.MIN_VALUE;
  }

  /**
   * The smallest watermark at which an operator of the chain would emit what it holds now ({@link
   * Operator#nextEmissionWatermarkMicros()}); {@link Long#MAX_VALUE} when none waits for one.
   */
  long nextEmissionWatermarkMicros() {
    long min = Long.MAX_VALUE;
    for (Operator op : operators) {
      min = Math.min(min, op.nextEmissionWatermarkMicros());
    }
    return min;
  }

  /**
   * {@code upstream} with the candidate watermark of every event-time tracker of the chain merged in (per
   * watermark id the smaller value); trackers that saw no event time add nothing.
   */
  Map<Integer, Long> mergeCandidates(Map<Integer, Long> upstream) {
    Map<Integer, Long> merged = new HashMap<>(upstream);
    for (Operator op : operators) {
      if (op instanceof EventTimeTracker t && t.candidateWatermarkMicros() != Long.MIN_VALUE) {
        merged.merge(t.watermarkId(), t.candidateWatermarkMicros(), Math::min);
      }
    }
    return merged;
  }

  /**
   * The epoch's event-time statistics and candidates of the chain's trackers (by watermark id; taking the
   * statistics starts them over) and the state metrics of its stateful operators (by vertex id).
   */
  EpochFigures takeEpochFigures() {
    Map<Integer, EventTimeStats> stats = new HashMap<>();
    Map<Integer, Long> candidates = new HashMap<>();
    Map<Integer, StateMetrics> metrics = new HashMap<>();
    for (int k = 0; k < operators.size(); k++) {
      Operator op = operators.get(k);
      if (op instanceof EventTimeTracker t) {
        stats.merge(t.watermarkId(), t.takeEpochStats(), EventTimeStats::merge);
        if (t.candidateWatermarkMicros() != Long.MIN_VALUE) {
          candidates.merge(t.watermarkId(), t.candidateWatermarkMicros(), Math::min);
        }
      }
      StateMetrics m = op.stateMetrics();
      if (m != null) {
        metrics.merge(vertexOfOperator.get(k), m, StateMetrics::plus);
      }
    }
    return new EpochFigures(stats, candidates, metrics);
  }

  /**
   * The task's snapshot of epoch {@code epoch}, named {@code key}, with the head reader's {@code sourceOffsets}:
   * each operator's state in chain order ({@link OperatorStates#take}: its {@code snapshot(epoch)} and its tables;
   * null for an operator without state), as a delta on the previous snapshot this pipeline took (only the keyed
   * state entries changed since, so a barrier costs what changed, not the whole state), or full for the
   * pipeline's first one, or when the chain of deltas since the last full one has grown to what a replica store
   * would compact ({@link SnapshotSchedule}). A restored or rolled-back task runs a fresh pipeline, so its first snapshot is full and
   * never relies on a replica it did not put itself, except after a rollback in place to the task's own snapshot
   * ({@link #reuseState}): then the first snapshot is a delta on that one. Call it only for snapshots that go into the replica store:
   * the next delta is relative to this one.
   */
  TaskSnapshot snapshot(TaskStateKey key, long epoch, byte[] sourceOffsets) {
    long base = lastSnapshotEpoch == TaskSnapshot.FULL || schedule.nextIsFull() ? TaskSnapshot.FULL
        : lastSnapshotEpoch;
    List<ChunkedBytes> states = takeStates(epoch, base == TaskSnapshot.FULL);
    lastSnapshotEpoch = epoch;
    TaskSnapshot snapshot = new TaskSnapshot(key, epoch, base, states, sourceOffsets);
    schedule.taken(snapshot);
    return snapshot;
  }

  private List<ChunkedBytes> takeStates(long epoch, boolean full) {
    List<ChunkedBytes> states = new ArrayList<>(operators.size());
    for (int k = 0; k < operators.size(); k++) {
      states.add(OperatorStates.take(operators.get(k), operatorTables.get(k), epoch, full));
    }
    return states;
  }

  /**
   * Restores the operators' states from {@code operatorStates} (by chain position; null leaves an operator
   * empty) and the head reader's offsets from {@code sourceOffsets} (when both exist); before any input.
   *
   * @throws EmberRuntimeException {@code CHECKPOINT_TASK_MISMATCH} when the snapshot holds another number of
   *     operator states than the chain has operators
   */
  void restore(List<ChunkedBytes> operatorStates, byte[] sourceOffsets) {
    restore(operatorStates, sourceOffsets, TaskSnapshot.FULL);
  }

  /**
   * Restores the operators' states of epoch {@code epoch} as {@link #restore(List, byte[])} does. When the pipeline
   * took the tables of the one it replaces ({@link #reuseState}), the operators with tables are rolled back in place
   * instead ({@link OperatorStates#rollBack}: the tables with their undo logs, only the operators' own bytes read
   * from {@code operatorStates}), and the next snapshot is a delta on this pipeline's predecessor's snapshot of
   * {@code epoch}, which the replica store holds.
   */
  void restore(List<ChunkedBytes> operatorStates, byte[] sourceOffsets, long epoch) {
    lastSnapshotEpoch = TaskSnapshot.FULL;
    schedule.reset();
    if (operatorStates.size() != operators.size()) {
      throw new EmberRuntimeException("CHECKPOINT_TASK_MISMATCH", "The checkpoint of task " + spec.name()
          + " holds " + operatorStates.size() + " operator states but the task runs " + operators.size()
          + " operators; the query changed since the checkpoint was written. Start it with a new checkpoint"
          + " location.");
    }
    boolean inPlace = kept != null;
    for (int k = 0; k < operators.size(); k++) {
      ChunkedBytes state = operatorStates.get(k);
      if (inPlace && kept.get(k) != null) {
        if (state == null || epoch == TaskSnapshot.FULL) {
          throw new IllegalStateException("The snapshot of epoch " + epoch + " of task " + spec.name()
              + " lacks the state of operator " + k + ", whose tables were kept to roll back in place");
        }
        OperatorStates.rollBack(operators.get(k), operatorTables.get(k), state, epoch);
      } else if (state != null) {
        OperatorStates.restore(operators.get(k), operatorTables.get(k), state);
      }
    }
    if (inPlace) {
      lastSnapshotEpoch = epoch;
    }
    kept = null;
    if (reader != null && sourceOffsets != null) {
      reader.restoreOffsets(sourceOffsets);
    }
  }

  /** The head reader's position at the barrier of epoch {@code epoch}. */
  byte[] snapshotOffsets(long epoch) {
    return reader.snapshotOffsets(epoch);
  }

  /**
   * Bounds the head reader's first epoch at {@code endOffsets} ({@link SourceReader#replayUntil}); false when this
   * is no source task or its reader cannot stop there.
   */
  boolean replayUntil(byte[] endOffsets) {
    return reader != null && reader.replayUntil(endOffsets);
  }

  /** The head reader's position as JSON for progress reports, or null. */
  String describeOffsets() {
    return reader.describeOffsets();
  }

  /** Rows the head reader emitted so far. */
  long sourceRows() {
    return rows.get(sourceVertex)[0];
  }

  /** Prepares the sink writer's output of epoch {@code epoch}; null when the chain has no sink. */
  CommitMessage prepareCommit(long epoch) {
    if (writer == null) {
      return null;
    }
    CommitMessage message = writer.prepareCommit(epoch);
    writerPrepared = true;
    return message;
  }

  boolean isSource() {
    return reader != null;
  }

  /** Rows emitted per vertex of the chain, by vertex id. */
  Map<Integer, Long> rowsByVertex() {
    Map<Integer, Long> out = new LinkedHashMap<>();
    rows.forEach((vertex, count) -> out.put(vertex, count[0]));
    return out;
  }

  private void fromSource(Batch batch) {
    if (batch.numRows() == 0) {
      return;
    }
    rows.get(sourceVertex)[0] += batch.numRows();
    process(0, batch);
  }

  private void emitFrom(int stage, Batch batch) {
    if (batch.numRows() == 0) {
      return;
    }
    if (lastOfVertex.get(stage)) {
      rows.get(vertexOfOperator.get(stage))[0] += batch.numRows();
    }
    if (stage + 1 < operators.size()) {
      operators.get(stage + 1).process(0, batch, outputs[stage + 1]);
    } else {
      toTail(batch);
    }
  }

  private void toTail(Batch batch) {
    if (batch.numRows() == 0) {
      return;
    }
    if (writer != null) {
      writerPrepared = false;
      writer.write(batch);
      rows.get(sinkVertex)[0] += batch.numRows();
    } else {
      downstream.accept(batch);
    }
  }

  /**
   * Releases everything: closes operators, the reader and the writer (aborting the writer first when it
   * wrote since its last prepared commit, or prepared none). Every close runs even if an earlier one throws; the first error is rethrown
   * with the others suppressed.
   */
  @Override
  public void close() {
    List<Runnable> steps = new ArrayList<>();
    for (Operator op : operators) {
      steps.add(op::close);
    }
    if (reader != null) {
      steps.add(reader::close);
    }
    if (writer != null) {
      SinkWriter w = writer;
      if (!writerPrepared) {
        steps.add(w::abort);
      }
      steps.add(w::close);
    }
    RuntimeException first = null;
    for (Runnable step : steps) {
      try {
        step.run();
      } catch (RuntimeException e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
