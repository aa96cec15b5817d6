package io.ember.checkpointing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ember.core.testing.Gen;
import io.ember.core.testing.Seeds;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class JsonTest {
  static Stream<Long> seeds() {
    return Seeds.of("checkpoint-json", 100);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void writtenObjectsParseBack(long seed) {
    Seeds.check(seed, random -> {
      Map<String, Object> nested = new LinkedHashMap<>();
      for (int i = 0; i < Gen.between(random, 0, 4); i++) {
        nested.put(Gen.string(random, 8), Gen.string(random, 20));
      }
      Map<String, Object> object = new LinkedHashMap<>();
      object.put("id", Gen.string(random, 12));
      object.put("n", Gen.anyLong(random));
      object.put("parts", nested);
      assertEquals(object, Json.parse(Json.write(object)));
    });
  }

  @Test
  void malformedInputNamesThePosition() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\":1,}"));
    assertEquals("expected '\"' at character 7", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\":1} x"));
    assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\":"));
    assertEquals(Map.of("a", "é\n\"", "b", Map.of()), Json.parse(" { \"a\" : \"\\u00e9\\n\\\"\" , \"b\":{} } "));
  }
}
