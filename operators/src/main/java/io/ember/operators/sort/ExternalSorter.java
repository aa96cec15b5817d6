package io.ember.operators.sort;

import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.types.StructType;
import io.ember.operators.Output;
import io.ember.operators.internal.BatchSizes;
import io.ember.operators.memory.MemoryBudget;
import io.ember.operators.memory.SpillFile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A stable sort of any number of rows within a task's {@link MemoryBudget}, as Spark's external sorter: batches are
 * buffered while the budget grants their estimated size; when it refuses one, the buffered rows are sorted and
 * written as a run to a {@link SpillFile} and their memory released. At the end the runs and the sorted in-memory
 * remainder are merged ({@link RunMerger}); when there are more runs than the budget can hold one batch of each
 * for, runs are first merged into longer runs, a group of consecutive runs at a time. Rows with equal keys keep
 * their arrival order throughout (runs hold consecutive arrivals and ties go to the earlier run).
 *
 * <p>Spill files are deleted once merged, and by {@link #clear()} (which the owning operator calls when it emits,
 * restores or closes, so also when its task fails). Owned by one operator; not thread-safe.
 */
public final class ExternalSorter {
  /** The most runs merged at once (files open at once, and batches held at once, during a merge). */
  static final int MAX_FAN_IN = 64;

  private final StructType schema;
  private final String owner;
  private final PermutationSort permutation;
  private final Function<Batch, ColumnVector[]> keys;
  private final List<Batch> batches = new ArrayList<>();
  private final List<SpillFile> runs = new ArrayList<>();
  private MemoryBudget memory;
  private int batchSize;
  private long bufferedRows;
  private long totalRows;
  private long reserved;
  private long spilledBytes;
  private long spillFiles;
  /** The largest estimated size of a batch written to a run, which bounds what a merge holds per run. */
  private long largestRunBatch = 1;

  /**
   * A sorter of rows of {@code schema} whose sort keys {@code keys} evaluates for a batch, ordered by
   * {@code permutation}; {@code owner} names the operator in budget errors and spill file names.
   */
  public ExternalSorter(StructType schema, String owner, PermutationSort permutation,
      Function<Batch, ColumnVector[]> keys) {
    this.schema = schema;
    this.owner = owner;
    this.permutation = permutation;
    this.keys = keys;
  }

  /** Reserves from {@code memory}, emits batches of at most {@code batchSize} rows; call from the operator's open. */
  public void open(MemoryBudget memory, int batchSize) {
    this.memory = memory;
    this.batchSize = batchSize;
  }

  /** Adds the rows of {@code batch}, spilling the buffered rows first when the budget cannot take it. */
  public void add(Batch batch) {
    int n = batch.numRows();
    if (n == 0) {
      return;
    }
    long bytes = BatchSizes.estimate(batch);
    if (!memory.tryReserve(bytes)) {
      spillBuffered();
      if (!memory.tryReserve(bytes)) {
        // even alone it does not fit (or other operators of the task hold the budget): it is a run by itself
        writeRun(batch, permutation.order(keys.apply(batch), n));
        totalRows += n;
        return;
      }
    }
    reserved += bytes;
    batches.add(batch);
    bufferedRows += n;
    totalRows += n;
  }

  /**
   * Writes the rows held in memory as a run and releases their memory, so that {@link #emitSorted} holds only what a
   * merge reads (for an operator that needs the budget while it consumes the sorted rows).
   */
  public void spillAll() {
    spillBuffered();
  }

  /** The rows added since the last {@link #clear()}, in memory and spilled. */
  public long rows() {
    return totalRows;
  }

  /** The runs on disk now. */
  public int runCount() {
    return runs.size();
  }

  /** The bytes this sorter wrote to spill files since it was created (merge passes included). */
  public long spilledBytes() {
    return spilledBytes;
  }

  /** The spill files this sorter wrote since it was created (merge passes included). */
  public long spillFiles() {
    return spillFiles;
  }

  /**
   * Emits the first {@code limit} rows (all with a negative limit) in sort order to {@code out} in batches of at most
   * the batch size, then {@linkplain #clear() clears}.
   */
  public void emitSorted(long limit, Output out) {
    try {
      long n = limit < 0 ? totalRows : Math.min(limit, totalRows);
      if (n == 0) {
        return;
      }
      if (runs.isEmpty()) {
        emitInMemory(n, out);
        return;
      }
      mergeDownTo(fanIn() - (bufferedRows > 0 ? 1 : 0));
      List<Supplier<Batch>> sources = new ArrayList<>();
      List<SpillFile.Reader> readers = new ArrayList<>();
      for (SpillFile run : runs) {
        SpillFile.Reader reader = run.open(schema);
        readers.add(reader);
        sources.add(reader::next);
      }
      if (bufferedRows > 0) {
        sources.add(sortedBufferSlices());
      }
      try {
        new RunMerger(schema, permutation, keys, batchSize).merge(sources, n, out::emit);
      } finally {
        readers.forEach(SpillFile.Reader::close);
      }
    } finally {
      clear();
    }
  }

  /**
   * Every row held, spilled or not, as one batch in an order whose stable sort is this sorter's order (each run in
   * sort order, runs and then the buffered rows in arrival order); for snapshots. Reads the runs back into memory.
   */
  public Batch allRows() {
    List<Batch> all = new ArrayList<>();
    for (SpillFile run : runs) {
      try (SpillFile.Reader reader = run.open(schema)) {
        for (Batch b = reader.next(); b != null; b = reader.next()) {
          all.add(b);
        }
      }
    }
    all.addAll(batches);
    return Batch.concat(schema, all);
  }

  /** Drops every row held: releases the reservation and deletes the spill files. */
  public void clear() {
    if (memory != null) {
      memory.release(reserved);
    }
    reserved = 0;
    batches.clear();
    bufferedRows = 0;
    totalRows = 0;
    runs.forEach(SpillFile::delete);
    runs.clear();
  }

  private void emitInMemory(long n, Output out) {
    Batch all = Batch.concat(schema, batches);
    int[] order = permutation.order(keys.apply(all), all.numRows());
    for (int from = 0; from < n; from += batchSize) {
      int count = (int) Math.min(batchSize, n - from);
      out.emit(all.take(from == 0 ? order : Arrays.copyOfRange(order, from, from + count), count));
    }
  }

  /** The buffered rows sorted, as slices of at most the batch size. */
  private Supplier<Batch> sortedBufferSlices() {
    Batch all = Batch.concat(schema, batches);
    int[] order = permutation.order(keys.apply(all), all.numRows());
    int[] next = {0};
    return () -> {
      int from = next[0];
      if (from >= order.length) {
        return null;
      }
      int count = Math.min(batchSize, order.length - from);
      next[0] = from + count;
      return all.take(Arrays.copyOfRange(order, from, from + count), count);
    };
  }

  private void spillBuffered() {
    if (bufferedRows == 0) {
      return;
    }
    Batch all = Batch.concat(schema, batches);
    writeRun(all, permutation.order(keys.apply(all), all.numRows()));
    memory.release(reserved);
    reserved = 0;
    batches.clear();
    bufferedRows = 0;
  }

  private void writeRun(Batch rows, int[] order) {
    SpillFile run = memory.spillDirectory().newFile(owner);
    runs.add(run);
    for (int from = 0; from < order.length; from += batchSize) {
      int count = Math.min(batchSize, order.length - from);
      Batch slice = rows.take(from == 0 ? order : Arrays.copyOfRange(order, from, from + count), count);
      largestRunBatch = Math.max(largestRunBatch, BatchSizes.estimate(slice));
      run.append(slice);
    }
    finishRun(run);
  }

  private void finishRun(SpillFile run) {
    long bytes = run.finish();
    spilledBytes += bytes;
    spillFiles++;
    memory.recordSpill(bytes);
  }

  /** How many runs one merge reads: one batch of each must fit the budget, between 2 and {@link #MAX_FAN_IN}. */
  private int fanIn() {
    long fit = memory.limit() / largestRunBatch;
    return (int) Math.max(2, Math.min(MAX_FAN_IN, fit));
  }

  /** Merges groups of consecutive runs into single runs until at most {@code max} (at least 1) remain. */
  private void mergeDownTo(int max) {
    int target = Math.max(1, max);
    int width = Math.max(2, fanIn());
    while (runs.size() > target) {
      int count = Math.min(width, runs.size() - target + 1);
      List<SpillFile> group = new ArrayList<>(runs.subList(0, count));
      SpillFile merged = memory.spillDirectory().newFile(owner);
      List<Supplier<Batch>> sources = new ArrayList<>();
      List<SpillFile.Reader> readers = new ArrayList<>();
      try {
        for (SpillFile run : group) {
          SpillFile.Reader reader = run.open(schema);
          readers.add(reader);
          sources.add(reader::next);
        }
        new RunMerger(schema, permutation, keys, batchSize).merge(sources, Long.MAX_VALUE, merged::append);
        finishRun(merged);
      } catch (RuntimeException e) {
        merged.delete();
        throw e;
      } finally {
        readers.forEach(SpillFile.Reader::close);
      }
      group.forEach(SpillFile::delete);
      runs.subList(0, count).clear();
      runs.add(0, merged);
    }
  }
}
