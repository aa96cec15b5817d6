package io.ember.api.conf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.core.errors.EmberIllegalArgumentException;
import org.junit.jupiter.api.Test;

/** {@code spark.sql.sources.partitionOverwriteMode} is a typed option: any case of STATIC or DYNAMIC, as Spark's. */
class PartitionOverwriteModeConfTest {
  @Test
  void staticByDefaultAndAnyCaseOfTheTwoModes() {
    SessionConf conf = new SessionConf();
    assertEquals("STATIC", conf.get(SessionConf.PARTITION_OVERWRITE_MODE));
    conf.set("spark.sql.sources.partitionOverwriteMode", "DyNaMiC");
    assertEquals("DYNAMIC", conf.get(SessionConf.PARTITION_OVERWRITE_MODE));
    assertEquals("DyNaMiC", conf.getRaw("spark.sql.sources.partitionOverwriteMode").orElseThrow(),
        "the value is kept as set, as Spark keeps it");
    conf.set("spark.sql.sources.partitionOverwriteMode", " static ");
    assertEquals("STATIC", conf.get(SessionConf.PARTITION_OVERWRITE_MODE));
  }

  @Test
  void anotherValueFailsWhenSetListingTheModesAndKeepsTheOldOne() {
    SessionConf conf = new SessionConf();
    conf.set("spark.sql.sources.partitionOverwriteMode", "dynamic");
    EmberIllegalArgumentException e = assertThrows(EmberIllegalArgumentException.class,
        () -> conf.set("spark.sql.sources.partitionOverwriteMode", "sometimes"));
    assertEquals("INVALID_CONF_VALUE.OUT_OF_RANGE_OF_OPTIONS", e.errorClass());
    assertTrue(e.getMessage().contains("The value 'sometimes' in the config"
        + " \"spark.sql.sources.partitionOverwriteMode\" is invalid. It should be one of 'STATIC, DYNAMIC'."),
        e.getMessage());
    assertEquals("DYNAMIC", conf.get(SessionConf.PARTITION_OVERWRITE_MODE));
  }
}
