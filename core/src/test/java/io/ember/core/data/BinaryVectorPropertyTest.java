package io.ember.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.core.serde.EmberKryo;
import io.ember.core.testing.Gen;
import io.ember.core.testing.Seeds;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Binary vectors against a model of {@code byte[]} values: building, taking rows, bulk appends, Kryo round-trips,
 * equality, hashing and Spark's unsigned lexicographic order.
 */
class BinaryVectorPropertyTest {
  static Stream<Long> seeds() {
    return Seeds.of("BinaryVectorPropertyTest", 150);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void binaryVectorsAgreeWithTheirValues(long seed) {
    Seeds.check(seed, random -> {
      List<byte[]> model = values(random);
      BinaryVector v = BinaryVector.of(model.toArray(new byte[0][]));
      assertEquals(DataTypes.BINARY, v.type());
      assertRows(model, v);

      int[] rows = new int[Gen.betweenWithEdges(random, 0, 40)];
      List<byte[]> taken = new ArrayList<>();
      for (int k = 0; k < rows.length; k++) {
        rows[k] = model.isEmpty() || random.nextInt(8) == 0 ? -1 : random.nextInt(model.size());
        taken.add(rows[k] < 0 ? null : model.get(rows[k]));
      }
      assertRows(taken, v.take(rows, rows.length));

      VectorBuilder b = VectorBuilder.forType(DataTypes.BINARY, 1);
      b.append(new byte[] {7});
      b.appendAll(v);
      b.appendAll(v.slice(model.size() / 2, model.size() - model.size() / 2));
      List<byte[]> appended = new ArrayList<>(List.of(new byte[] {7}));
      appended.addAll(model);
      appended.addAll(model.subList(model.size() / 2, model.size()));
      assertRows(appended, b.build());

      StructType schema = DataTypes.struct(DataTypes.field("b", DataTypes.BINARY),
          DataTypes.field("arr", DataTypes.array(DataTypes.BINARY)));
      List<Row> data = new ArrayList<>();
      for (byte[] x : model) {
        data.add(Row.of(x, x == null ? null : Arrays.asList(x, null, new byte[0])));
      }
      Batch batch = Batch.fromRows(schema, data);
      Batch back = EmberKryo.fromBytes(EmberKryo.toBytes(batch), Batch.class);
      assertEquals(schema, back.schema());
      assertRows(model, back.column(0));
      ArrayVector arrays = (ArrayVector) back.column(1);
      List<byte[]> elements = new ArrayList<>();
      for (int r = 0; r < model.size(); r++) {
        assertEquals(model.get(r) == null, arrays.isNull(r));
        for (int e = arrays.start(r); e < arrays.start(r) + arrays.length(r); e++) {
          elements.add((byte[]) arrays.elements().get(e));
        }
      }
      List<byte[]> expectedElements = new ArrayList<>();
      model.stream().filter(x -> x != null).forEach(x -> expectedElements.addAll(Arrays.asList(x, null, new byte[0])));
      assertEquals(expectedElements.size(), elements.size());
      for (int e = 0; e < elements.size(); e++) {
        if (expectedElements.get(e) == null) {
          assertNull(elements.get(e));
        } else {
          assertArrayEquals(expectedElements.get(e), elements.get(e));
        }
      }

      for (int i = 0; i < model.size(); i++) {
        for (int j = 0; j < model.size(); j++) {
          if (model.get(i) == null || model.get(j) == null) {
            continue;
          }
          int expected = Integer.signum(Arrays.compareUnsigned(model.get(i), model.get(j)));
          assertEquals(expected, Integer.signum(v.compareAt(i, v, j)));
          assertEquals(expected == 0, v.equalsAt(i, v, j));
          if (expected == 0) {
            assertEquals(v.hashAt(i), v.hashAt(j));
          }
        }
      }
    });
  }

  @Test
  void ordersUnsignedWithPrefixesFirst() {
    BinaryVector v = BinaryVector.of(new byte[] {(byte) 0x80}, new byte[] {0x7F}, new byte[0], new byte[] {0x7F, 0});
    assertTrue(v.compareAt(0, v, 1) > 0, "0x80 sorts after 0x7F (unsigned)");
    assertTrue(v.compareAt(2, v, 1) < 0, "the empty value sorts first");
    assertTrue(v.compareAt(1, v, 3) < 0, "a prefix sorts before its extensions");
  }

  @Test
  void typeNamesAndDisplayAreSparks() {
    assertEquals("binary", DataTypes.BINARY.simpleString());
    assertEquals("binary", DataTypes.BINARY.typeName());
    assertEquals(DataTypes.BINARY, DataTypes.parse("BINARY"));
    assertEquals(DataTypes.array(DataTypes.BINARY), io.ember.core.types.DdlParser.parseType("array<binary>"));
    assertEquals("[48 65 6C 6C 6F]", ValueFormat.toDisplayString("Hello".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    assertEquals("[]", ValueFormat.toDisplayString(new byte[0]));
    assertEquals("[00 FF]", ValueFormat.toDisplayString(new byte[] {0, -1}));
  }

  @Test
  void stringVectorsKeepTheirTypeThroughTheSharedLayout() {
    StringVector s = StringVector.of("b", null, "a");
    ColumnVector taken = s.take(new int[] {2, 0, -1}, 3);
    assertTrue(taken instanceof StringVector);
    assertEquals(Arrays.asList("a", "b", null), Arrays.asList(taken.get(0), taken.get(1), taken.get(2)));
    assertNull(BinaryVector.of((byte[]) null).get(0));
  }

  private static List<byte[]> values(Random random) {
    int n = Gen.betweenWithEdges(random, 0, 30);
    int nullPercent = Gen.betweenWithEdges(random, 0, 100);
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (random.nextInt(100) < nullPercent) {
        out.add(null);
        continue;
      }
      byte[] b = new byte[Gen.betweenWithEdges(random, 0, 6)];
      for (int k = 0; k < b.length; k++) {
        b[k] = (byte) Gen.oneOf(random, 0, 1, 0x7F, 0x80, 0xFF, random.nextInt(256)).intValue();
      }
      out.add(b);
    }
    return out;
  }

  private static void assertRows(List<byte[]> expected, ColumnVector v) {
    assertEquals(expected.size(), v.size());
    for (int i = 0; i < expected.size(); i++) {
      if (expected.get(i) == null) {
        assertTrue(v.isNull(i), "row " + i + " is null");
      } else {
        assertArrayEquals(expected.get(i), (byte[]) v.get(i), "row " + i);
      }
    }
  }
}
