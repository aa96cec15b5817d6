package io.ember.api.conf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.operators.state.HeapStateBackend;
import io.ember.operators.state.offheap.ChronicleStateBackend;
import org.junit.jupiter.api.Test;

/** {@code ember.streaming.stateStore} selects where keyed streaming state lives, and reaches the job's config. */
class StateStoreConfTest {
  @Test
  void heapByDefaultOffheapOnRequest() {
    SessionConf conf = new SessionConf();
    assertSame(HeapStateBackend.INSTANCE, conf.stateBackend());
    conf.set("ember.streaming.stateStore", "OffHeap");
    assertSame(ChronicleStateBackend.INSTANCE, conf.stateBackend());
  }

  @Test
  void anUnknownStoreIsRejectedWhenSetNamingTheChoices() {
    SessionConf conf = new SessionConf();
    EmberIllegalArgumentException e = assertThrows(EmberIllegalArgumentException.class,
        () -> conf.set("ember.streaming.stateStore", "rocksdb"));
    assertTrue(e.getMessage().contains("'rocksdb'") && e.getMessage().contains("[heap, offheap]"), e.getMessage());
    assertEquals(HeapStateBackend.INSTANCE, conf.stateBackend());
  }
}
