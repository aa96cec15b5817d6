package io.ember.operators.memory;

import io.ember.core.errors.EmberRuntimeException;

/**
 * Bytes a task's blocking operators (sort, final aggregate, join build side, distinct) may hold. An
 * operator reserves an estimate of what it adds and releases it when it frees state. An operator that can spill
 * asks with {@link #tryReserve} and, when refused, writes part of its state to a file of {@link #spillDirectory()}
 * (recording it with {@link #recordSpill}); a {@link #reserve} past the limit fails the query with a message naming
 * {@link #CONFIG_KEY}.
 *
 * <p>One instance per task; not thread-safe (a task is single-threaded).
 */
public final class MemoryBudget {
  /** The session option that sets the budget per task, in bytes or with a unit ({@code 512m}, {@code 2g}). */
  public static final String CONFIG_KEY = "ember.task.memoryBudget";
  /** The budget when {@link #CONFIG_KEY} is not set. */
  public static final long DEFAULT_BYTES = 1L << 30;

  private final long limit;
  private final SpillDirectory spillDirectory;
  private long used;
  private long spilledBytes;
  private long spillFiles;

  /** A budget of {@code limitBytes} spilling to {@link SpillDirectory#defaultDirectory()}. */
  public MemoryBudget(long limitBytes) {
    this(limitBytes, SpillDirectory.defaultDirectory());
  }

  /** A budget of {@code limitBytes} whose operators spill to {@code spillDirectory}. */
  public MemoryBudget(long limitBytes, SpillDirectory spillDirectory) {
    if (limitBytes <= 0) {
      throw new IllegalArgumentException(CONFIG_KEY + " must be positive, got " + limitBytes);
    }
    this.limit = limitBytes;
    this.spillDirectory = spillDirectory;
  }

  /** A new budget with the same limit and spill directory and nothing reserved (for a fresh operator instance). */
  public MemoryBudget fresh() {
    return new MemoryBudget(limit, spillDirectory);
  }

  public static MemoryBudget unlimited() {
    return new MemoryBudget(Long.MAX_VALUE);
  }

  /**
   * Reserves {@code bytes} for {@code owner}.
   *
   * @throws EmberRuntimeException {@code MEMORY_BUDGET_EXCEEDED} when the task would pass its limit
   */
  public void reserve(long bytes, String owner) {
    if (used + bytes > limit) {
      throw new EmberRuntimeException(
          "MEMORY_BUDGET_EXCEEDED",
          owner + " needs more than the task's memory budget of " + limit + " bytes (" + (used + bytes)
              + " requested). Raise the session option '" + CONFIG_KEY + "', raise parallelism so each task"
              + " holds less, or reduce the data this operator must hold.");
    }
    used += bytes;
  }

  /**
   * Reserves {@code bytes} when they fit within the limit.
   *
   * @return whether they were reserved; when false nothing changed and the caller should spill or fail
   */
  public boolean tryReserve(long bytes) {
    if (used + bytes > limit) {
      return false;
    }
    used += bytes;
    return true;
  }

  /**
   * Moves a reservation of {@code reserved} bytes for {@code owner} to {@code bytes}: reserves the growth or
   * releases the shrink.
   *
   * @return {@code bytes}, the reservation now
   * @throws EmberRuntimeException {@code MEMORY_BUDGET_EXCEEDED} when the growth would pass the limit; the
   *     reservation stays {@code reserved}
   */
  public long resize(long reserved, long bytes, String owner) {
    if (bytes > reserved) {
      reserve(bytes - reserved, owner);
    } else {
      release(reserved - bytes);
    }
    return bytes;
  }

  public void release(long bytes) {
    used = Math.max(0, used - bytes);
  }

  public long used() {
    return used;
  }

  public long limit() {
    return limit;
  }

  /** Where this task's operators write what does not fit. */
  public SpillDirectory spillDirectory() {
    return spillDirectory;
  }

  /** Counts a spill file of {@code bytes} an operator of this task wrote. */
  public void recordSpill(long bytes) {
    spilledBytes += bytes;
    spillFiles++;
  }

  /** The bytes this task's operators spilled to disk so far. */
  public long spilledBytes() {
    return spilledBytes;
  }

  /** The number of spill files this task's operators wrote so far. */
  public long spillFiles() {
    return spillFiles;
  }
}
