package io.ember.operators.state;

/**
 * Makes the {@link StateTable}s of stateful operators. Selected per session with
 * {@code ember.streaming.stateStore}: {@code heap} (the default, {@link HeapStateBackend}) or {@code offheap}
 * (Chronicle Map, for state larger than the heap should carry).
 */
public interface StateBackend {
  /**
   * A new, empty table.
   *
   * @param name a name unique within the task, e.g. {@code aggregate-3}, for errors and metrics
   * @param expectedEntries how many entries the table should hold without resizing; backends that cannot
   *     grow use it (with headroom) as their capacity
   * @param averageKeyBytes a typical encoded key's size, for backends that size their entries
   * @param averageValueBytes a typical encoded value's size
   */
  StateTable createTable(String name, long expectedEntries, int averageKeyBytes, int averageValueBytes);

  /** {@code heap} or {@code offheap}: the value of {@code ember.streaming.stateStore} that selects it. */
  String name();
}
