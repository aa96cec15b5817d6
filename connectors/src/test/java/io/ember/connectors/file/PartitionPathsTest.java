package io.ember.connectors.file;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ember.core.testing.Gen;
import io.ember.core.testing.Seeds;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PartitionPathsTest {
  @Test
  void escapesWhatSparkEscapes() {
    assertEquals("a%3Db%2Fc%25d e", PartitionPaths.escape("a=b/c%d e"));
    assertEquals("%01x%7F%7B%5B%5D%5E%22%23%27%2A%3A%3F%5C", PartitionPaths.escape("\u0001x\u007F{[]^\"#'*:?\\"));
    assertEquals("2024-01-01 10:00", PartitionPaths.unescape("2024-01-01 10%3A00"));
  }

  @Test
  void unescapesAsSparkDoes() {
    assertEquals("100%", PartitionPaths.unescape("100%"));
    assertEquals("%zz%", PartitionPaths.unescape("%zz%"));
    assertEquals("a+b", PartitionPaths.unescape("a+b"));
    assertEquals("xA", PartitionPaths.unescape("x%41"));
    assertEquals("x%4", PartitionPaths.unescape("x%4"));
    assertEquals("xAy", PartitionPaths.unescape("x%41y"));
  }

  static Stream<Long> seeds() {
    return Seeds.of("PartitionPathsTest.roundTrip", 200);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void anEscapedValueReadsBackUnchanged(long seed) {
    Random random = new Random(seed);
    StringBuilder value = new StringBuilder();
    int n = random.nextInt(12);
    for (int i = 0; i < n; i++) {
      if (random.nextBoolean()) {
        value.append((char) random.nextInt(0x80));
      } else {
        value.append(Gen.string(random, 3));
      }
    }
    String v = value.toString();
    assertEquals(v, PartitionPaths.unescape(PartitionPaths.escape(v)));
  }
}
