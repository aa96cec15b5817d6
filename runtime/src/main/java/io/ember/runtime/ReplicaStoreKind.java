package io.ember.runtime;

import io.ember.checkpointing.ChronicleReplicaStore;
import io.ember.checkpointing.HeapReplicaStore;
import io.ember.checkpointing.ReplicaStore;
import io.ember.core.errors.EmberIllegalArgumentException;
import java.util.Locale;

/**
 * Where a runtime keeps the in-memory copies of streaming task snapshots ({@code ember.checkpoint.replicaStore}).
 * A runtime has one store of each kind a job asked for, shared by its jobs (each under its own job id).
 *
 * <p>{@link #HEAP} is the default: Chronicle Map's first off-heap map costs about 2 s of class loading and code
 * generation in a fresh JVM and reserves about 13 MB, and needs the JVM flags Ember's launcher sets, while the heap
 * store starts in microseconds. {@link #OFFHEAP} keeps large replicas out of the garbage collector's way.
 */
public enum ReplicaStoreKind {
  /** {@link HeapReplicaStore}: snapshots as byte arrays on the Java heap. */
  HEAP,
  /** {@link ChronicleReplicaStore}: snapshots in a Chronicle Map outside the Java heap. */
  OFFHEAP;

  /** The configuration key that chooses the kind. */
  public static final String CONFIG_KEY = "ember.checkpoint.replicaStore";

  /**
   * The kind named {@code name} ({@code heap} or {@code offheap}, any case).
   *
   * @throws EmberIllegalArgumentException for another name
   */
  public static ReplicaStoreKind named(String name) {
    return switch (name.trim().toLowerCase(Locale.ROOT)) {
      case "heap" -> HEAP;
      case "offheap" -> OFFHEAP;
      default -> throw new EmberIllegalArgumentException("INVALID_CONF_VALUE", "The value '" + name
          + "' of " + CONFIG_KEY + " is not a replica store; use heap or offheap.");
    };
  }

  /** A new, empty store of this kind named {@code name}. */
  public ReplicaStore create(String name) {
    return this == HEAP ? new HeapReplicaStore() : new ChronicleReplicaStore(name, 64, 64 << 10);
  }

  /** The configuration value of this kind. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
