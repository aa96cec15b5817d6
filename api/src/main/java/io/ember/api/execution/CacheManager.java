package io.ember.api.execution;

import io.ember.api.StorageLevel;
import io.ember.api.analysis.ResolvedPlan;
import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.StringVector;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * The cached (persisted) queries of one session, as Spark's {@code CacheManager}. A query is cached by its
 * analyzed plan; any later query whose analyzed plan contains an equal subtree (the cached DataFrame itself, or a
 * DataFrame built on it) reads the cached result batches instead of recomputing that subtree: {@link #useCached}
 * replaces the subtree with a {@link ResolvedPlan.LocalData} leaf over the batches, which the planner scans in
 * parallel, one or more batches per task.
 *
 * <p>Caching is lazy, as in Spark: {@link #cache} only registers the plan; the first action that needs it
 * materializes the batches (once, even when actions race). The cached bytes are accounted against
 * {@code ember.cache.maxBytes}: a result that would take the total over the budget is not kept (a warning is
 * logged), that action still uses the rows it computed, and later actions recompute the query and try again.
 * Thread-safe.
 */
public final class CacheManager {
  private static final Logger LOG = Logger.getLogger(CacheManager.class.getName());
  /** Bytes counted per value of a fixed-width column, and per row and column for null flags and offsets. */
  private static final int FIXED_WIDTH_BYTES = 8;

  private final LongSupplier maxBytes;
  private final List<Entry> entries = new ArrayList<>();
  private long cachedBytes;

  /** @param maxBytes the current byte budget of all cached results (read at each materialization) */
  public CacheManager(LongSupplier maxBytes) {
    this.maxBytes = maxBytes;
  }

  /** One cached query: its analyzed plan, its level and, once materialized, its batches. */
  private static final class Entry {
    final ResolvedPlan plan;
    final StorageLevel level;
    List<Batch> batches;
    long bytes;

    Entry(ResolvedPlan plan, StorageLevel level) {
      this.plan = plan;
      this.level = level;
    }
  }

  /**
   * Registers {@code plan} to be cached at {@code level}; a plan already cached keeps its level (Spark logs
   * "Asked to cache already cached data").
   */
  public synchronized void cache(ResolvedPlan plan, StorageLevel level) {
    if (find(plan) != null) {
      LOG.warning("Asked to cache already cached data.");
      return;
    }
    entries.add(new Entry(plan, level));
  }

  /** Drops the cached data of {@code plan}; true when it was cached. */
  public synchronized boolean uncache(ResolvedPlan plan) {
    Entry e = find(plan);
    if (e == null) {
      return false;
    }
    entries.remove(e);
    cachedBytes -= e.bytes;
    return true;
  }

  /** Drops every cached query. */
  public synchronized void clear() {
    entries.clear();
    cachedBytes = 0;
  }

  /** The level {@code plan} is cached at, or empty when it is not cached. */
  public synchronized Optional<StorageLevel> lookup(ResolvedPlan plan) {
    Entry e = find(plan);
    return e == null ? Optional.empty() : Optional.of(e.level);
  }

  /** True when {@code plan} is cached and its batches are held in memory now. */
  public synchronized boolean isMaterialized(ResolvedPlan plan) {
    Entry e = find(plan);
    return e != null && e.batches != null;
  }

  /** The estimated bytes of all materialized cached results. */
  public synchronized long cachedBytes() {
    return cachedBytes;
  }

  public synchronized boolean isEmpty() {
    return entries.isEmpty();
  }

  /**
   * {@code plan} with every subtree equal to a cached plan replaced by a scan of its cached batches (outermost
   * match first). A cached plan not materialized yet is computed with {@code materializer} (given the plan to run,
   * itself already reading the caches below it) and kept, budget allowing; with a null {@code materializer} such a
   * subtree is left as it is (for {@code explain}, which runs nothing). Returns {@code plan} itself when nothing
   * matched.
   */
  public ResolvedPlan useCached(ResolvedPlan plan, Function<ResolvedPlan, List<Batch>> materializer) {
    if (isEmpty()) {
      return plan;
    }
    return substitute(plan, materializer);
  }

  private ResolvedPlan substitute(ResolvedPlan plan, Function<ResolvedPlan, List<Batch>> materializer) {
    Entry e;
    synchronized (this) {
      e = find(plan);
    }
    if (e != null) {
      List<Batch> batches = batches(e, materializer);
      if (batches != null) {
        return new ResolvedPlan.LocalData(plan.output(), batches);
      }
    }
    return substituteChildren(plan, materializer);
  }

  private ResolvedPlan substituteChildren(ResolvedPlan plan, Function<ResolvedPlan, List<Batch>> materializer) {
    List<ResolvedPlan> children = plan.children();
    if (children.isEmpty()) {
      return plan;
    }
    List<ResolvedPlan> replaced = new ArrayList<>(children.size());
    boolean changed = false;
    for (ResolvedPlan c : children) {
      ResolvedPlan r = substitute(c, materializer);
      changed |= r != c;
      replaced.add(r);
    }
    return changed ? plan.withChildren(replaced) : plan;
  }

  /** The entry's batches, materializing them when needed; null when not materialized and no materializer. */
  private List<Batch> batches(Entry e, Function<ResolvedPlan, List<Batch>> materializer) {
    synchronized (e) {
      synchronized (this) {
        if (e.batches != null) {
          return e.batches;
        }
      }
      if (materializer == null) {
        return null;
      }
      List<Batch> computed = List.copyOf(materializer.apply(substituteChildren(e.plan, materializer)));
      long bytes = 0;
      for (Batch b : computed) {
        bytes += bytes(b);
      }
      synchronized (this) {
        long budget = maxBytes.getAsLong();
        if (!entries.contains(e)) {
          return computed;
        }
        if (cachedBytes + bytes > budget) {
          LOG.warning("Not caching a query result of about " + bytes + " bytes: with the " + cachedBytes
              + " bytes already cached it exceeds ember.cache.maxBytes (" + budget + " bytes); later actions"
              + " recompute it. Raise ember.cache.maxBytes or unpersist other DataFrames.");
          return computed;
        }
        e.batches = computed;
        e.bytes = bytes;
        cachedBytes += bytes;
        return computed;
      }
    }
  }

  private Entry find(ResolvedPlan plan) {
    for (Entry e : entries) {
      if (e.plan == plan || e.plan.equals(plan)) {
        return e;
      }
    }
    return null;
  }

  /** An estimate of the heap a batch holds: 8 bytes per value plus the characters of strings. */
  static long bytes(Batch b) {
    long bytes = 0;
    for (int c = 0; c < b.numColumns(); c++) {
      ColumnVector v = b.column(c);
      bytes += (long) b.numRows() * FIXED_WIDTH_BYTES;
      if (v instanceof StringVector s) {
        for (int r = 0; r < b.numRows(); r++) {
          Object o = s.get(r);
          bytes += o == null ? 0 : 2L * o.toString().length();
        }
      }
    }
    return bytes;
  }
}
