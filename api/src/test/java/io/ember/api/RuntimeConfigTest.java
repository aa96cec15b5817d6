package io.ember.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.api.conf.SessionConf;
import io.ember.core.errors.EmberIllegalArgumentException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code session.conf()}: typed options validated, other keys kept, effective defaults reported. */
class RuntimeConfigTest {
  private final SessionConf conf = new SessionConf();
  private final RuntimeConfig runtime = new RuntimeConfig(conf, 4);

  @Test
  void typedOptionsAreValidatedWhenSet() {
    EmberIllegalArgumentException e = assertThrows(EmberIllegalArgumentException.class,
        () -> runtime.set("spark.sql.shuffle.partitions", "abc"));
    assertEquals("INVALID_CONF_VALUE", e.errorClass());
    assertTrue(e.getMessage().contains("spark.sql.shuffle.partitions") && e.getMessage().contains("'abc'"), e.getMessage());
    assertThrows(EmberIllegalArgumentException.class, () -> runtime.set("spark.sql.ansi.enabled", "maybe"));
    assertThrows(EmberIllegalArgumentException.class, () -> runtime.set("spark.sql.session.timeZone", "Mars/Olympus"));
    assertEquals(Map.of(), runtime.getAll());
  }

  @Test
  void valuesRoundTripAndReachTheSessionConf() {
    runtime.set("spark.sql.shuffle.partitions", 8);
    runtime.set("spark.sql.ansi.enabled", false);
    runtime.set("my.own.key", "x");
    assertEquals("8", runtime.get("spark.sql.shuffle.partitions"));
    assertEquals(8, conf.shufflePartitions(4));
    assertFalse(conf.ansiEnabled());
    assertEquals("x", runtime.get("my.own.key"));
    assertEquals(Map.of("spark.sql.shuffle.partitions", "8", "spark.sql.ansi.enabled", "false", "my.own.key", "x"),
        runtime.getAll());
    runtime.unset("my.own.key");
    assertEquals(Optional.empty(), runtime.getOption("my.own.key"));
  }

  @Test
  void unsetTypedOptionsReportTheirEffectiveDefault() {
    assertEquals("4", runtime.get("spark.sql.shuffle.partitions"));
    assertEquals("true", runtime.get("spark.sql.ansi.enabled"));
    assertEquals("UTC", runtime.get("spark.sql.session.timeZone"));
    assertTrue(runtime.isModifiable("spark.sql.ansi.enabled"));
    assertFalse(runtime.isModifiable("my.own.key"));
  }

  @Test
  void unknownUnsetKeyIsAnErrorUnlessADefaultIsGiven() {
    EmberIllegalArgumentException e = assertThrows(EmberIllegalArgumentException.class, () -> runtime.get("no.such.key"));
    assertEquals("SQL_CONF_NOT_FOUND", e.errorClass());
    assertTrue(e.getMessage().contains("\"no.such.key\""), e.getMessage());
    assertEquals("fallback", runtime.get("no.such.key", "fallback"));
  }
}
