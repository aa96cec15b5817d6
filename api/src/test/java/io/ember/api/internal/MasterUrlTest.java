package io.ember.api.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.core.errors.EmberIllegalArgumentException;
import org.junit.jupiter.api.Test;

class MasterUrlTest {
  @Test
  void localForms() {
    assertEquals(1, MasterUrl.parallelism("local", 8));
    assertEquals(4, MasterUrl.parallelism("local[4]", 8));
    assertEquals(8, MasterUrl.parallelism("local[*]", 8));
  }

  @Test
  void badMastersAreRejectedWithTheSupportedForms() {
    for (String bad : new String[] {"yarn", "local[]", "local[x]", "local[4", "spark://host:7077", ""}) {
      EmberIllegalArgumentException e = assertThrows(EmberIllegalArgumentException.class, () -> MasterUrl.parallelism(bad, 8));
      assertEquals("INVALID_MASTER_URL", e.errorClass());
      assertTrue(e.getMessage().contains("'" + bad + "'") && e.getMessage().contains("local[N]"), e.getMessage());
    }
  }

  @Test
  void zeroThreadsIsRejected() {
    EmberIllegalArgumentException e = assertThrows(EmberIllegalArgumentException.class, () -> MasterUrl.parallelism("local[0]", 8));
    assertTrue(e.getMessage().contains("positive"), e.getMessage());
  }
}
