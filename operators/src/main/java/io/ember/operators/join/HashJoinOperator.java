package io.ember.operators.join;

import com.esotericsoftware.kryo.io.Input;
import io.ember.core.data.Batch;
import io.ember.core.data.BooleanVector;
import io.ember.core.data.ColumnVector;
import io.ember.core.errors.EmberRuntimeException;
import io.ember.core.expr.ColumnRef;
import io.ember.core.expr.EvalContext;
import io.ember.core.expr.Expression;
import io.ember.core.types.StructType;
import io.ember.operators.Operator;
import io.ember.operators.OperatorContext;
import io.ember.operators.Output;
import io.ember.operators.StateSnapshots;
import io.ember.operators.internal.BatchCodec;
import io.ember.operators.internal.BatchSizes;
import io.ember.operators.internal.KeyRows;
import io.ember.operators.memory.MemoryBudget;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs a {@link HashJoinSpec}. The probe loop is vectorized: per probe batch it hashes the keys once, walks
 * the build chains collecting (probe row, build row) pairs into reused index arrays, and per full buffer of
 * pairs gathers both sides with one {@code take} each, evaluates the condition once, and emits.
 *
 * <p>A {@linkplain HashJoinSpec#spillable() spillable} join with equi keys whose build side does not fit the task's
 * budget becomes a grace hash join ({@link GraceJoinSpill}): both sides are partitioned to disk by key hash and each
 * partition is joined by an instance of this class one {@linkplain #level level} deeper. Nothing changes for a build
 * side that fits: it is indexed in memory (a {@link LongBuildIndex} for a single int or long key) as before.
 */
final class HashJoinOperator implements Operator {
  private static final int SNAPSHOT_VERSION = 1;
  private static final String OWNER = "HashJoin build side";

  private final HashJoinSpec spec;
  private final boolean buildIsLeft;
  private final StructType buildSchema;
  private final StructType outputSchema;
  private final StructType joinedSchema;
  private final Expression[] buildKeys;
  private final Expression[] probeKeys;
  private final Expression condition;
  private final boolean semiAnti;
  private final boolean preserveProbe;
  private final boolean preserveBuild;
  /** One equi key of the same int- or long-stored type on both sides: the build side gets a LongBuildIndex. */
  private final boolean longKey;

  /** 0, or one more than the level of the grace join whose spilled partition this instance joins. */
  private final int level;
  /** Whether the build side may go to disk: a spillable spec with equi keys, not past the deepest level. */
  private final boolean spillable;
  private OperatorContext context;
  private GraceJoinSpill spill;
  private MemoryBudget memory;
  private EvalContext eval;
  private int batchSize;
  private long reserved;
  private final List<Batch> buffered = new ArrayList<>();
  private BuildTable table;

  private int[] pairProbe;
  private int[] pairBuild;
  private int[] selection;
  private int pairs;
  private int[] probeHashes = new int[0];
  private boolean[] probeMatched = new boolean[0];

  HashJoinOperator(HashJoinSpec spec) {
    this(spec, 0);
  }

  /** An instance joining a partition spilled at {@code level - 1} (0: the spec's own instance). */
  HashJoinOperator(HashJoinSpec spec, int level) {
    this.spec = spec;
    this.level = level;
    this.spillable = spec.spillable() && spec.hasEquiKeys();
    this.buildIsLeft = spec.buildSide() == BuildSide.LEFT;
    this.buildSchema = buildIsLeft ? spec.leftSchema() : spec.rightSchema();
    this.outputSchema = spec.outputSchema();
    this.joinedSchema = spec.joinedSchema();
    this.buildKeys = (buildIsLeft ? spec.leftKeys() : spec.rightKeys()).toArray(new Expression[0]);
    this.probeKeys = (buildIsLeft ? spec.rightKeys() : spec.leftKeys()).toArray(new Expression[0]);
    this.condition = spec.condition();
    JoinType t = spec.joinType();
    this.semiAnti = t.leftColumnsOnly();
    this.preserveProbe = buildIsLeft ? t.preservesRight() : t.preservesLeft();
    this.preserveBuild = buildIsLeft ? t.preservesLeft() : t.preservesRight();
    this.longKey = buildKeys.length == 1
        && LongBuildIndex.supports(buildKeys[0].dataType(), probeKeys[0].dataType());
  }

  @Override
  public void open(OperatorContext context) {
    this.context = context;
    this.memory = context.memory();
    this.eval = context.eval();
    this.batchSize = context.batchSize();
    this.pairProbe = new int[batchSize];
    this.pairBuild = new int[batchSize];
    this.selection = new int[batchSize];
  }

  @Override
  public void process(int input, Batch batch, Output out) {
    if (input == 0) {
      if (table != null) {
        throw new EmberRuntimeException("INTERNAL_ERROR", "HashJoin received build rows after its build side ended.");
      }
      if (spill != null) {
        spill.addBuild(batch, rows -> emitUnmatched(rows, true, out));
      } else if (batch.numRows() > 0) {
        long bytes = BatchSizes.estimate(batch);
        if (!spillable) {
          reserve(bytes);
        } else if (memory.tryReserve(bytes)) {
          reserved += bytes;
        } else {
          spillBuild(batch, out);
          return;
        }
        buffered.add(batch);
      }
      return;
    }
    if (spill != null) {
      spill.addProbe(batch, rows -> emitUnmatched(rows, false, out));
      return;
    }
    requireBuilt();
    if (batch.numRows() > 0) {
      probe(batch, out);
    }
  }

  @Override
  public void endOfInput(int input, Output out) {
    if (input == 0) {
      if (spill == null) {
        finishBuild(buffered.isEmpty() ? Batch.empty(buildSchema) : Batch.concat(buildSchema, buffered), out);
      }
      if (spill != null) {
        spill.endBuild();
      }
      return;
    }
    if (spill != null) {
      GraceJoinSpill done = spill;
      spill = null;
      done.joinPartitions(context, out);
      return;
    }
    requireBuilt();
    if (preserveBuild) {
      emitBuildRows(table.rowsWithMatched(false), true, out);
    } else if (semiAnti && buildIsLeft) {
      emitBuildRows(table.rowsWithMatched(spec.joinType() == JoinType.LEFT_SEMI), false, out);
    }
  }

  @Override
  public byte[] snapshot(long epoch) {
    if (spill != null) {
      throw new EmberRuntimeException("INTERNAL_ERROR", "HashJoin cannot snapshot a build side spilled to disk: a"
          + " spillable join runs only in batch queries, whose tasks take no snapshots.");
    }
    com.esotericsoftware.kryo.io.Output out = StateSnapshots.begin(SNAPSHOT_VERSION);
    out.writeBoolean(table != null);
    if (table != null) {
      BatchCodec.write(out, table.rows());
      out.writeBooleans(table.matched(), 0, table.size());
    } else {
      BatchCodec.write(out, buffered.isEmpty() ? Batch.empty(buildSchema) : Batch.concat(buildSchema, buffered));
    }
    return out.toBytes();
  }

  @Override
  public void restore(byte[] snapshot) {
    Input in = StateSnapshots.open(snapshot, SNAPSHOT_VERSION, "HashJoin");
    releaseAll();
    boolean built = in.readBoolean();
    Batch rows = BatchCodec.read(in, buildSchema);
    if (built) {
      finishBuild(rows, null);
      boolean[] matched = in.readBooleans(rows.numRows());
      for (int r = 0; r < matched.length; r++) {
        if (matched[r]) {
          table.markMatched(r);
        }
      }
    } else if (rows.numRows() > 0) {
      reserve(BatchSizes.estimate(rows));
      buffered.add(rows);
    }
  }

  @Override
  public void close() {
    releaseAll();
  }

  /**
   * Indexes the build rows; their estimate replaces the reservations of the buffered batches. When that does not fit a
   * spillable join, the rows spill instead ({@code out} takes the unmatched rows of null keys; null on restore, which
   * only a join that does not spill sees).
   */
  private void finishBuild(Batch rows, Output out) {
    memory.release(reserved);
    reserved = 0;
    ColumnVector[] keys = new ColumnVector[buildKeys.length];
    long bytes = BatchSizes.estimate(rows);
    for (int k = 0; k < keys.length; k++) {
      keys[k] = buildKeys[k].evaluate(rows, eval);
      if (!(buildKeys[k] instanceof ColumnRef)) {
        bytes += BatchSizes.estimate(keys[k]);
      }
    }
    if (longKey) {
      bytes += rows.numRows() + LongBuildIndex.bytesFor(rows.numRows()); // matched flags, index
    } else {
      bytes += (long) rows.numRows() * BuildTable.BYTES_PER_ROW;
      if (keys.length > 0) {
        bytes += (long) BuildTable.bucketsFor(rows.numRows()) * BuildTable.BYTES_PER_BUCKET;
      }
    }
    if (spillable && out != null && rows.numRows() > 0) {
      if (!memory.tryReserve(bytes)) {
        buffered.clear();
        buffered.add(rows);
        spillBuild(null, out);
        return;
      }
      reserved += bytes;
    } else {
      reserve(bytes);
    }
    buffered.clear();
    table = new BuildTable(rows, keys, longKey);
  }

  /**
   * Moves the buffered build rows, and {@code overflow} (when not null), to a {@link GraceJoinSpill} and releases their
   * memory; the build side goes on to disk. Past the deepest level, or when the rows of a partition all share one
   * key, fails instead.
   */
  private void spillBuild(Batch overflow, Output out) {
    List<Batch> rows = new ArrayList<>(buffered);
    if (overflow != null) {
      rows.add(overflow);
    }
    if (level > 0) {
      GraceJoinSpill.checkSplittable(rows, buildKeys, eval, level, memory);
    }
    memory.release(reserved);
    reserved = 0;
    buffered.clear();
    spill = new GraceJoinSpill(spec, level, buildKeys, probeKeys, context);
    for (Batch b : rows) {
      spill.addBuild(b, nullKeys -> emitUnmatched(nullKeys, true, out));
    }
  }

  /**
   * Rows of one side known to match nothing (a null key, while spilling): emitted when the join reports them (outer
   * rows padded with nulls, anti rows of the left side), else dropped.
   */
  private void emitUnmatched(Batch rows, boolean areBuild, Output out) {
    boolean preserved = areBuild ? preserveBuild : preserveProbe;
    boolean leftSide = areBuild == buildIsLeft;
    if (preserved) {
      out.emit(withNullSide(rows, areBuild));
    } else if (semiAnti && leftSide && spec.joinType() == JoinType.LEFT_ANTI) {
      out.emit(rows.withSchema(outputSchema));
    }
  }

  private void probe(Batch batch, Output out) {
    int n = batch.numRows();
    ColumnVector[] keys = new ColumnVector[probeKeys.length];
    for (int k = 0; k < keys.length; k++) {
      keys[k] = probeKeys[k].evaluate(batch, eval);
    }
    if (probeMatched.length < n) {
      probeMatched = new boolean[n];
      probeHashes = new int[n];
    } else {
      Arrays.fill(probeMatched, 0, n, false);
    }
    boolean existenceOnly = semiAnti && !buildIsLeft && condition == null;
    LongBuildIndex longIndex = table.longIndex();
    if (longIndex != null) {
      longIndex.firsts(keys[0], n, probeHashes); // here: each probe row's first matching build row, or -1
      for (int r = 0; r < n; r++) {
        for (int b = probeHashes[r]; b != -1; b = longIndex.next(b)) {
          if (existenceOnly) {
            probeMatched[r] = true;
            break;
          }
          addPair(batch, r, b, out);
        }
      }
      flushPairs(batch, out);
      emitAfterProbe(batch, out);
      return;
    }
    if (keys.length > 0) {
      KeyRows.hash(keys, n, probeHashes);
    }
    for (int r = 0; r < n; r++) {
      if (keys.length > 0) {
        probeHashed(batch, keys, r, existenceOnly, out);
      } else if (existenceOnly) {
        probeMatched[r] = table.size() > 0;
      } else {
        for (int b = 0, size = table.size(); b < size; b++) {
          addPair(batch, r, b, out);
        }
      }
    }
    flushPairs(batch, out);
    emitAfterProbe(batch, out);
  }

  private void probeHashed(Batch batch, ColumnVector[] keys, int r, boolean existenceOnly, Output out) {
    if (KeyRows.anyNull(keys, r)) {
      return;
    }
    int h = probeHashes[r];
    for (int b = table.first(h); b != -1; b = table.next(b, h)) {
      if (table.keyEquals(b, keys, r)) {
        if (existenceOnly) {
          probeMatched[r] = true;
          return;
        }
        addPair(batch, r, b, out);
      }
    }
  }

  private void addPair(Batch probeBatch, int probeRow, int buildRow, Output out) {
    if (semiAnti && condition == null) {
      probeMatched[probeRow] = true;
      table.markMatched(buildRow);
      return;
    }
    pairProbe[pairs] = probeRow;
    pairBuild[pairs] = buildRow;
    if (++pairs == batchSize) {
      flushPairs(probeBatch, out);
    }
  }

  /** Gathers the buffered pairs, applies the condition, marks matches and emits joined rows. */
  private void flushPairs(Batch probeBatch, Output out) {
    int count = pairs;
    if (count == 0) {
      return;
    }
    pairs = 0;
    Batch probeRows = isIdentity(pairProbe, count, probeBatch.numRows()) ? probeBatch : probeBatch.take(pairProbe, count);
    Batch joined = joined(probeRows, table.rows().take(pairBuild, count), count);
    int kept = count;
    if (condition != null) {
      kept = select(condition.evaluate(joined, eval), count);
      for (int k = 0; k < kept; k++) {
        int i = selection[k];
        probeMatched[pairProbe[i]] = true;
        table.markMatched(pairBuild[i]);
      }
    } else {
      for (int i = 0; i < count; i++) {
        probeMatched[pairProbe[i]] = true;
        table.markMatched(pairBuild[i]);
      }
    }
    if (!semiAnti && kept > 0) {
      out.emit(kept == count ? joined : joined.take(selection, kept));
    }
  }

  /** Whether {@code rows[0, count)} is exactly {@code 0..n-1}: every probe row matched once (an N:1 join). */
  private static boolean isIdentity(int[] rows, int count, int n) {
    if (count != n) {
      return false;
    }
    for (int i = 0; i < count; i++) {
      if (rows[i] != i) {
        return false;
      }
    }
    return true;
  }

  /** Writes the rows where {@code predicate} is true to {@link #selection}; returns their count. */
  private int select(ColumnVector predicate, int count) {
    if (!(predicate instanceof BooleanVector bools)) {
      return 0;
    }
    int kept = 0;
    for (int i = 0; i < count; i++) {
      if (!bools.isNull(i) && bools.getBoolean(i)) {
        selection[kept++] = i;
      }
    }
    return kept;
  }

  private Batch joined(Batch probeRows, Batch buildRows, int count) {
    Batch left = buildIsLeft ? buildRows : probeRows;
    Batch right = buildIsLeft ? probeRows : buildRows;
    ColumnVector[] cols = new ColumnVector[left.numColumns() + right.numColumns()];
    System.arraycopy(left.columns(), 0, cols, 0, left.numColumns());
    System.arraycopy(right.columns(), 0, cols, left.numColumns(), right.numColumns());
    return new Batch(semiAnti ? joinedSchema : outputSchema, cols, count);
  }

  /** Unmatched probe rows of outer joins, or the probe rows a left semi/anti join keeps. */
  private void emitAfterProbe(Batch batch, Output out) {
    boolean wanted;
    if (semiAnti && !buildIsLeft) {
      wanted = spec.joinType() == JoinType.LEFT_SEMI;
    } else if (preserveProbe) {
      wanted = false;
    } else {
      return;
    }
    int n = batch.numRows();
    int[] rows = new int[n];
    int count = 0;
    for (int r = 0; r < n; r++) {
      if (probeMatched[r] == wanted) {
        rows[count++] = r;
      }
    }
    if (count == 0) {
      return;
    }
    Batch taken = count == n ? batch : batch.take(rows, count);
    out.emit(semiAnti ? taken.withSchema(outputSchema) : withNullSide(taken, false));
  }

  /** Emits build rows in batches: with nulls for the probe side, or alone (semi/anti building the left). */
  private void emitBuildRows(int[] rows, boolean padProbeSide, Output out) {
    for (int from = 0; from < rows.length; from += batchSize) {
      int count = Math.min(batchSize, rows.length - from);
      Batch taken = table.rows().take(from == 0 ? rows : Arrays.copyOfRange(rows, from, from + count), count);
      out.emit(padProbeSide ? withNullSide(taken, true) : taken.withSchema(outputSchema));
    }
  }

  /** {@code rows} of one side joined to all-null columns of the other side. */
  private Batch withNullSide(Batch rows, boolean rowsAreBuild) {
    boolean rowsAreLeft = rowsAreBuild == buildIsLeft;
    StructType nullSchema = rowsAreLeft ? spec.rightSchema() : spec.leftSchema();
    int n = rows.numRows();
    ColumnVector[] cols = new ColumnVector[outputSchema.size()];
    int offset = rowsAreLeft ? 0 : nullSchema.size();
    System.arraycopy(rows.columns(), 0, cols, offset, rows.numColumns());
    int nullOffset = rowsAreLeft ? rows.numColumns() : 0;
    for (int c = 0; c < nullSchema.size(); c++) {
      cols[nullOffset + c] = KeyRows.nulls(nullSchema.field(c).dataType(), n);
    }
    return new Batch(outputSchema, cols, n);
  }

  private void requireBuilt() {
    if (table == null) {
      throw new EmberRuntimeException(
          "INTERNAL_ERROR",
          "HashJoin received probe input (input 1) before its build side (input 0) ended; the build side must end first.");
    }
  }

  private void reserve(long bytes) {
    memory.reserve(bytes, OWNER);
    reserved += bytes;
  }

  private void releaseAll() {
    if (memory != null) {
      memory.release(reserved);
    }
    reserved = 0;
    buffered.clear();
    table = null;
    if (spill != null) {
      spill.delete();
      spill = null;
    }
  }
}
