package io.ember.api.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reader and writer options: case-insensitive keys, later settings win, typed values as Spark prints them. */
class OptionsTest {
  @Test
  void keysDifferingInCaseReplaceEachOther() {
    Options o = new Options();
    o.put("inferSchema", "false");
    o.put("header", "true");
    o.put("INFERSCHEMA", "true");
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("header", "true");
    expected.put("INFERSCHEMA", "true");
    assertEquals(expected, o.asMap());
    assertEquals("true", o.get("inferschema"));
    assertNull(o.get("sep"));
  }

  @Test
  void putAllAppliesInOrder() {
    Options o = new Options();
    o.put("sep", ";");
    o.putAll(Map.of("SEP", "|"));
    assertEquals(Map.of("SEP", "|"), o.asMap());
  }

  @Test
  void doublesAreFormattedAsJavaPrintsThem() {
    assertEquals("0.5", Options.format(0.5));
    assertEquals("1.0E-4", Options.format(0.0001));
  }
}
