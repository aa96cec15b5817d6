package io.ember.operators.state.offheap;

import io.ember.operators.state.StateBackend;
import io.ember.operators.state.StateTable;

/**
 * Keeps state tables off the Java heap, in Chronicle Maps ({@code ember.streaming.stateStore=offheap}): state
 * larger than the heap should carry then costs no garbage-collection work. Each table is one in-memory
 * (not persisted) map of byte arrays, sized from the caller's hints with headroom, and rebuilt into a map
 * twice as large when it fills up.
 *
 * <p>Chronicle needs the JVM flags of the build's {@code ember.jvm.flags} (module exports and opens, and
 * {@code -Dchronicle.analytics.disable=true}, without which it contacts an analytics host at start; the table
 * sets that property itself when it is not set). The first
 * map of a JVM takes a second or two to create (Chronicle generates code); later ones are fast.
 */
public final class ChronicleStateBackend implements StateBackend {
  /** The shared instance; the backend itself holds nothing. */
  public static final ChronicleStateBackend INSTANCE = new ChronicleStateBackend();

  /** The value of {@code ember.streaming.stateStore} that selects this backend. */
  public static final String NAME = "offheap";

  private ChronicleStateBackend() {}

  @Override
  public StateTable createTable(String name, long expectedEntries, int averageKeyBytes, int averageValueBytes) {
    return new ChronicleStateTable(name, expectedEntries, averageKeyBytes, averageValueBytes);
  }

  @Override
  public String name() {
    return NAME;
  }
}
