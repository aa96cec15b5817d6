package io.ember.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.core.errors.EmberRuntimeException;
import org.junit.jupiter.api.Test;

/** Creating, sharing and stopping sessions. */
class SessionTest {
  @Test
  void badMasterIsRejectedAndNoSessionStarts() {
    EmberIllegalArgumentException e = assertThrows(EmberIllegalArgumentException.class,
        () -> Session.builder().master("cluster[3]").getOrCreate());
    assertTrue(e.getMessage().contains("'cluster[3]'"), e.getMessage());
    assertFalse(Session.getActiveSession().isPresent());
  }

  @Test
  void badConfigIsRejectedBeforeStarting() {
    assertThrows(EmberIllegalArgumentException.class,
        () -> Session.builder().master("local[1]").config("spark.sql.ansi.enabled", "perhaps").getOrCreate());
    assertFalse(Session.getActiveSession().isPresent());
  }

  @Test
  void launcherPropertiesAreDefaultsThatTheBuilderOverrides() {
    java.util.Properties props = new java.util.Properties();
    props.setProperty("spark.master", "local[3]");
    props.setProperty("spark.sql.shuffle.partitions", "7");
    props.setProperty("ember.streaming.checkpointInterval", "5s");
    props.setProperty("ember.home", "/opt/ember");
    props.setProperty("user.dir", "/tmp");
    java.util.Map<String, String> merged = Session.Builder.withSystemDefaults(
        java.util.Map.of("spark.sql.shuffle.partitions", "3"), props);
    assertEquals(java.util.Map.of("spark.master", "local[3]", "spark.sql.shuffle.partitions", "3",
        "ember.streaming.checkpointInterval", "5s"), merged, "spark.* and Ember's options only; the builder wins");
  }

  @Test
  void aSessionStartsWithTheSparkPropertiesOfItsJvm() {
    System.setProperty("spark.sessiontest.fromLauncher", "yes");
    try (Session s = Session.builder().master("local[1]").getOrCreate()) {
      assertEquals("yes", s.conf().get("spark.sessiontest.fromLauncher"));
    } finally {
      System.clearProperty("spark.sessiontest.fromLauncher");
    }
  }

  @Test
  void getOrCreateSharesTheActiveSessionUntilStopped() {
    try (Session first = Session.builder().master("local[2]").appName("a").config("x.y", "1").getOrCreate()) {
      assertEquals(2, first.defaultParallelism());
      assertEquals("local[2]", first.master());
      Session second = Session.builder().config("x.y", "2").getOrCreate();
      assertSame(first, second);
      assertSame(first, Session.active());
      assertEquals("2", first.conf().get("x.y"));
      assertEquals(first.version(), Version.get());
      DataFrame df = first.range(3);
      first.stop();
      assertTrue(first.isStopped());
      assertFalse(Session.getActiveSession().isPresent());
      EmberRuntimeException e = assertThrows(EmberRuntimeException.class, df::count);
      assertEquals("SESSION_STOPPED", e.errorClass());
    }
    assertThrows(EmberRuntimeException.class, Session::active);
  }

  @Test
  void stoppingANewSessionStopsTheSharedRuntimeAndGetOrCreateStartsAFreshOne() {
    Session first = Session.builder().master("local[1]").getOrCreate();
    Session child = first.newSession();
    try {
      child.stop();
      assertTrue(first.isStopped(), "the runtime the two sessions share is stopped");
      EmberRuntimeException e = assertThrows(EmberRuntimeException.class, () -> first.range(3).count());
      assertEquals("SESSION_STOPPED", e.errorClass());
      try (Session next = Session.builder().master("local[1]").getOrCreate()) {
        assertFalse(next == first, "a stopped session is not handed out again");
        assertEquals(3, next.range(3).count());
      }
    } finally {
      first.stop();
    }
  }

  @Test
  void rangeRejectsAZeroStep() {
    try (Session s = Session.builder().master("local").getOrCreate()) {
      assertEquals(1, s.defaultParallelism());
      assertThrows(EmberIllegalArgumentException.class, () -> s.range(0, 10, 0));
    }
  }
}
