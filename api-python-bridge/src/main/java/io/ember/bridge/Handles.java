package io.ember.bridge;

import io.ember.connectors.source.Source;
import io.ember.core.data.Batch;
import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.core.types.StructType;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The JVM-side objects plans reference by handle: sources made by {@code read} and {@code readStream}, rows sent
 * by {@code createDataFrame} and the rows of a foreachBatch epoch. Handles are positive integers, unique within
 * the bridge; objects live as long as it, except epoch rows (released after their callback).
 * Thread-safe.
 */
public final class Handles {
  /** Rows of a {@code createDataFrame} request. */
  public record Relation(StructType schema, List<Batch> batches) {
    public Relation {
      batches = List.copyOf(batches);
    }
  }

  private final AtomicLong next = new AtomicLong(1);
  private final Map<Long, Source> sources = new ConcurrentHashMap<>();
  private final Map<Long, Relation> relations = new ConcurrentHashMap<>();

  public long addSource(Source source) {
    long id = next.getAndIncrement();
    sources.put(id, source);
    return id;
  }

  public long addRelation(Relation relation) {
    long id = next.getAndIncrement();
    relations.put(id, relation);
    return id;
  }

  /**
   * Forgets a relation: plans decoded later cannot reference it (a foreachBatch epoch's rows, released when the
   * Python function returned).
   */
  public void removeRelation(long handle) {
    relations.remove(handle);
  }

  /** @throws EmberIllegalArgumentException {@code BRIDGE_UNKNOWN_HANDLE} when no source has this handle */
  public Source source(long handle) {
    Source s = sources.get(handle);
    if (s == null) {
      throw unknown("source", handle);
    }
    return s;
  }

  /** @throws EmberIllegalArgumentException {@code BRIDGE_UNKNOWN_HANDLE} when no relation has this handle */
  public Relation relation(long handle) {
    Relation r = relations.get(handle);
    if (r == null) {
      throw unknown("relation", handle);
    }
    return r;
  }

  private static EmberIllegalArgumentException unknown(String kind, long handle) {
    return new EmberIllegalArgumentException(
        "BRIDGE_UNKNOWN_HANDLE", "No " + kind + " has the handle " + handle + "; handles come from this bridge's "
            + (kind.equals("source") ? "read" : "createDataFrame") + " responses.");
  }
}
