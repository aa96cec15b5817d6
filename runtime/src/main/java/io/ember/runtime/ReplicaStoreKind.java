package io.ember.runtime;

import io.ember.checkpointing.ChronicleReplicaStore;
import io.ember.checkpointing.HeapReplicaStore;
import io.ember.checkpointing.ReplicaStore;
import io.ember.checkpointing.TieredReplicaStore;
import io.ember.core.errors.EmberIllegalArgumentException;
import java.util.Locale;

/**
 * Where a runtime keeps the in-memory copies of streaming task snapshots ({@code ember.checkpoint.replicaStore}).
 * A runtime has one store of each kind a job asked for, shared by its jobs (each under its own job id).
 *
 * <p>{@link #AUTO} is the default: snapshots stay on the heap (a store that starts in microseconds) until they pass a
 * share of the heap, and the rest go to native memory, so a job whose state is a large part of the heap does not
 * hold its replicas there too. {@link #HEAP} keeps every replica on the heap. {@link #OFFHEAP} keeps them in a
 * Chronicle Map, whose first map costs about 2 s of class loading and code generation in a fresh JVM and needs the
 * JVM flags Ember's launcher sets.
 */
public enum ReplicaStoreKind {
  /** {@link TieredReplicaStore}: snapshots on the heap up to a share of it, the rest in native memory. */
  AUTO,
  /** {@link HeapReplicaStore}: snapshots as byte arrays on the Java heap. */
  HEAP,
  /** {@link ChronicleReplicaStore}: snapshots in a Chronicle Map outside the Java heap. */
  OFFHEAP;

  /** The configuration key that chooses the kind. */
  public static final String CONFIG_KEY = "ember.checkpoint.replicaStore";

  /**
   * The kind named {@code name} ({@code auto}, {@code heap} or {@code offheap}, any case).
   *
   * @throws EmberIllegalArgumentException for another name
   */
  public static ReplicaStoreKind named(String name) {
    return switch (name.trim().toLowerCase(Locale.ROOT)) {
      case "auto" -> AUTO;
      case "heap" -> HEAP;
      case "offheap" -> OFFHEAP;
      default -> throw new EmberIllegalArgumentException("INVALID_CONF_VALUE", "The value '" + name
          + "' of " + CONFIG_KEY + " is not a replica store; use auto, heap or offheap.");
    };
  }

  /** A new, empty store of this kind named {@code name}. */
  public ReplicaStore create(String name) {
    return switch (this) {
      case AUTO -> new TieredReplicaStore();
      case HEAP -> new HeapReplicaStore();
      case OFFHEAP -> new ChronicleReplicaStore(name, 64, 64 << 10);
    };
  }

  /** The configuration value of this kind. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
