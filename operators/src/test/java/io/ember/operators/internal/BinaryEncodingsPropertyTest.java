package io.ember.operators.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.ember.core.data.ArrayVector;
import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.Row;
import io.ember.core.data.VectorBuilder;
import io.ember.core.testing.Gen;
import io.ember.core.testing.Seeds;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Binary columns through the operators' state and snapshot encodings: {@link RowBytes} (keys are equal exactly when
 * the values are, rows read back) and {@link BatchCodec} (batches read back), against byte[] models.
 */
class BinaryEncodingsPropertyTest {
  private static final StructType SCHEMA = DataTypes.struct(DataTypes.field("b", DataTypes.BINARY),
      DataTypes.field("arr", DataTypes.array(DataTypes.BINARY)), DataTypes.field("s", DataTypes.STRING));

  static Stream<Long> seeds() {
    return Seeds.of("BinaryEncodingsPropertyTest", 100);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void binaryRowsAndBatchesRoundTrip(long seed) {
    Seeds.check(seed, random -> {
      List<Row> rows = new ArrayList<>();
      for (int r = Gen.betweenWithEdges(random, 0, 40); r > 0; r--) {
        byte[] b = bytes(random);
        rows.add(Row.of(b, b == null ? null : Arrays.asList(bytes(random), null), random.nextBoolean() ? "x" : null));
      }
      Batch batch = Batch.fromRows(SCHEMA, rows);

      Output out = new Output(256, -1);
      BatchCodec.write(out, batch);
      Batch back = BatchCodec.read(new Input(out.toBytes()), SCHEMA);
      assertSameRows(batch, back);

      Output rowsOut = new Output(256, -1);
      Output scratch = new Output(64, -1);
      for (int r = 0; r < batch.numRows(); r++) {
        RowBytes.write(rowsOut, batch.columns(), r, false);
        for (int o = 0; o < batch.numRows(); o++) {
          boolean sameKey = Arrays.equals(RowBytes.key(scratch, new ColumnVector[] {batch.column(0)}, r),
              RowBytes.key(scratch, new ColumnVector[] {batch.column(0)}, o));
          assertEquals(Arrays.equals((byte[]) rows.get(r).get(0), (byte[]) rows.get(o).get(0)), sameKey);
        }
      }
      VectorBuilder[] builders = RowBytes.builders(SCHEMA, batch.numRows());
      Input in = new Input(rowsOut.toBytes());
      for (int r = 0; r < batch.numRows(); r++) {
        RowBytes.read(in, SCHEMA, builders);
      }
      ColumnVector[] columns = new ColumnVector[builders.length];
      for (int c = 0; c < columns.length; c++) {
        columns[c] = builders[c].build();
      }
      assertSameRows(batch, new Batch(SCHEMA, columns, batch.numRows()));
    });
  }

  private static byte[] bytes(Random random) {
    if (random.nextInt(5) == 0) {
      return null;
    }
    byte[] b = new byte[Gen.betweenWithEdges(random, 0, 4)];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) Gen.oneOf(random, 0, 0x7F, 0x80, 0xFF, random.nextInt(256)).intValue();
    }
    return b;
  }

  private static void assertSameRows(Batch expected, Batch actual) {
    assertEquals(expected.numRows(), actual.numRows());
    for (int r = 0; r < expected.numRows(); r++) {
      assertBytes(expected.column(0).get(r), actual.column(0).get(r));
      ArrayVector e = (ArrayVector) expected.column(1);
      ArrayVector a = (ArrayVector) actual.column(1);
      assertEquals(e.isNull(r), a.isNull(r));
      if (!e.isNull(r)) {
        assertEquals(e.length(r), a.length(r));
        for (int i = 0; i < e.length(r); i++) {
          assertBytes(e.elements().get(e.start(r) + i), a.elements().get(a.start(r) + i));
        }
      }
      assertEquals(expected.column(2).get(r), actual.column(2).get(r));
    }
  }

  private static void assertBytes(Object expected, Object actual) {
    if (expected == null) {
      assertNull(actual);
    } else {
      assertArrayEquals((byte[]) expected, (byte[]) actual);
    }
  }
}
