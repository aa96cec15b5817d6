package io.ember.operators.memory;

import io.ember.core.errors.EmberRuntimeException;

/**
 * Bytes a task's blocking operators (sort, final aggregate, join build side, distinct) may hold. An
 * operator reserves an estimate of what it adds and releases it when it frees state; a reservation past
 * the limit fails the query with a message naming {@link #CONFIG_KEY} (spilling to disk comes later).
 *
 * <p>One instance per task; not thread-safe (a task is single-threaded).
 */
public final class MemoryBudget {
  /** The session option that sets the budget per task, in bytes or with a unit ({@code 512m}, {@code 2g}). */
  public static final String CONFIG_KEY = "ember.task.memoryBudget";
  /** The budget when {@link #CONFIG_KEY} is not set. */
  public static final long DEFAULT_BYTES = 1L << 30;

  private final long limit;
  private long used;

  public MemoryBudget(long limitBytes) {
    if (limitBytes <= 0) {
      throw new IllegalArgumentException(CONFIG_KEY + " must be positive, got " + limitBytes);
    }
    this.limit = limitBytes;
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
}
