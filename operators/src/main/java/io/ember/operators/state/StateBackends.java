package io.ember.operators.state;

import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.operators.state.offheap.ChronicleStateBackend;
import java.util.List;

/** Looks a {@link StateBackend} up by its {@link StateBackend#name() name}, the value of {@code ember.streaming.stateStore}. */
public final class StateBackends {
  private static final List<StateBackend> ALL = List.of(HeapStateBackend.INSTANCE, ChronicleStateBackend.INSTANCE);

  private StateBackends() {}

  /**
   * The backend called {@code name} (case-insensitive).
   *
   * @throws EmberIllegalArgumentException naming the accepted values when there is none
   */
  public static StateBackend named(String name) {
    for (StateBackend b : ALL) {
      if (b.name().equalsIgnoreCase(name.trim())) {
        return b;
      }
    }
    throw new EmberIllegalArgumentException("INVALID_CONF_VALUE", "Unknown state store '" + name
        + "' for ember.streaming.stateStore; use one of " + ALL.stream().map(StateBackend::name).toList() + ".");
  }
}
