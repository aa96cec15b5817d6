package io.ember.operators.stream;

import io.ember.operators.state.HeapStateBackend;
import io.ember.operators.state.StateBackend;
import io.ember.operators.state.offheap.ChronicleStateBackend;
import java.util.List;

/** The state backends the stateful streaming operator tests run on: heap and off-heap (Chronicle Map). */
public final class TestStateBackends {
  private TestStateBackends() {}

  public static List<StateBackend> all() {
    return List.of(HeapStateBackend.INSTANCE, ChronicleStateBackend.INSTANCE);
  }
}
