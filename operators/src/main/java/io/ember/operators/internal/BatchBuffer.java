package io.ember.operators.internal;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.ember.core.data.Batch;
import io.ember.core.types.StructType;
import io.ember.operators.memory.MemoryBudget;
import java.util.ArrayList;
import java.util.List;

/**
 * The input a blocking operator (a sort, a window) holds until it can emit: batches kept by reference, each
 * reserving its estimated size from the task's {@link MemoryBudget} as it arrives (so an oversized input fails
 * with the budget's error naming the owner), released all at once by {@link #clear()}. Snapshots write the
 * buffered rows as one batch. Owned by one operator; not thread-safe.
 */
public final class BatchBuffer {
  private final StructType schema;
  private final String owner;
  private final List<Batch> batches = new ArrayList<>();
  private MemoryBudget memory;
  private long rows;
  private long reserved;

  /** A buffer of batches of {@code schema}; {@code owner} names the operator in budget errors. */
  public BatchBuffer(StructType schema, String owner) {
    this.schema = schema;
    this.owner = owner;
  }

  /** Reserves from {@code memory} from now on; call from the operator's {@code open}. */
  public void open(MemoryBudget memory) {
    this.memory = memory;
  }

  /** Holds {@code batch}, reserving its estimated size. */
  public void add(Batch batch) {
    reserve(BatchSizes.estimate(batch));
    batches.add(batch);
    rows += batch.numRows();
  }

  /**
   * Holds {@code batch} when the budget grants its estimated size.
   *
   * @return whether it was held; when false nothing changed (an operator that can spill then spills)
   */
  public boolean tryAdd(Batch batch) {
    long bytes = BatchSizes.estimate(batch);
    if (!memory.tryReserve(bytes)) {
      return false;
    }
    reserved += bytes;
    batches.add(batch);
    rows += batch.numRows();
    return true;
  }

  /**
   * Reserves {@code bytes} more when the budget grants them, released with the buffer.
   *
   * @return whether they were reserved
   */
  public boolean tryReserve(long bytes) {
    if (!memory.tryReserve(bytes)) {
      return false;
    }
    reserved += bytes;
    return true;
  }

  /** The batches held, in arrival order (a copy). */
  public List<Batch> batches() {
    return List.copyOf(batches);
  }

  /** Reserves {@code bytes} more for data the operator derived from the buffer, released with it. */
  public void reserve(long bytes) {
    memory.reserve(bytes, owner);
    reserved += bytes;
  }

  /** The rows held. */
  public long rows() {
    return rows;
  }

  /** Every row held, as one batch. */
  public Batch concat() {
    return Batch.concat(schema, batches);
  }

  /** Drops everything held and releases its reservation. */
  public void clear() {
    if (memory != null) {
      memory.release(reserved);
    }
    reserved = 0;
    batches.clear();
    rows = 0;
  }

  /** Writes the rows held (a flag, then one batch when there are any). */
  public void write(Output out) {
    out.writeBoolean(rows > 0);
    if (rows > 0) {
      BatchCodec.write(out, concat());
    }
  }

  /** Replaces the rows held with those {@link #write} wrote. */
  public void read(Input in) {
    clear();
    if (in.readBoolean()) {
      add(BatchCodec.read(in, schema));
    }
  }
}
