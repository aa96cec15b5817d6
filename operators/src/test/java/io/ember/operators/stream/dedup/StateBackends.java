package io.ember.operators.stream.dedup;

import io.ember.operators.state.HeapStateBackend;
import io.ember.operators.state.StateBackend;
import java.util.List;

/** The state backends stateful operator tests run on. */
final class StateBackends {
  private StateBackends() {}

  static List<StateBackend> all() {
    return List.of(HeapStateBackend.INSTANCE);
  }
}
