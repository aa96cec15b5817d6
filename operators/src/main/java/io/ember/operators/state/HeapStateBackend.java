package io.ember.operators.state;

/**
 * Keeps state tables on the Java heap ({@link HeapTable}: open addressing over arrays of hashes, keys and values):
 * the fastest backend while state fits the heap. {@link TrackedState} tracks its tables' changes in their slots.
 */
public final class HeapStateBackend implements StateBackend {
  /** The shared instance; the backend itself holds nothing. */
  public static final HeapStateBackend INSTANCE = new HeapStateBackend();

  private HeapStateBackend() {}

  @Override
  public StateTable createTable(String name, long expectedEntries, int averageKeyBytes, int averageValueBytes) {
    return new HeapTable();
  }

  @Override
  public String name() {
    return "heap";
  }
}
