package io.ember.core.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ember.core.data.Batch;
import io.ember.core.data.Row;
import io.ember.core.testing.Gen;
import io.ember.core.testing.Seeds;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Any batch of every type, with any share of nulls, round-trips through Kryo to equal rows. */
class EmberKryoPropertyTest {
  private static final StructType SCHEMA = DataTypes.struct(
      DataTypes.field("b", DataTypes.BOOLEAN),
      DataTypes.field("i", DataTypes.INTEGER),
      DataTypes.field("l", DataTypes.LONG),
      DataTypes.field("d", DataTypes.DOUBLE),
      DataTypes.field("s", DataTypes.STRING),
      DataTypes.field("day", DataTypes.DATE),
      DataTypes.field("ts", DataTypes.TIMESTAMP),
      DataTypes.field("dec", DataTypes.decimal(38, 6)),
      DataTypes.field("arr", DataTypes.array(DataTypes.LONG)),
      DataTypes.field("st", DataTypes.struct(DataTypes.field("a", DataTypes.STRING), DataTypes.field("b", DataTypes.DOUBLE))));

  static Stream<Long> seeds() {
    return Seeds.of("EmberKryoPropertyTest", 100);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void anyBatchRoundTripsToEqualRows(long seed) {
    Seeds.check(seed, random -> {
      int rows = Gen.betweenWithEdges(random, 0, 300);
      int nullPercent = Gen.betweenWithEdges(random, 0, 100);
      List<Row> data = new ArrayList<>();
      for (int r = 0; r < rows; r++) {
        Object[] values = new Object[SCHEMA.size()];
        for (int c = 0; c < values.length; c++) {
          values[c] = random.nextInt(100) < nullPercent ? null : value(SCHEMA.field(c).dataType(), random);
        }
        data.add(Row.of(values));
      }
      Batch batch = Batch.fromRows(SCHEMA, data);

      Batch back = EmberKryo.fromBytes(EmberKryo.toBytes(batch), Batch.class);

      assertEquals(SCHEMA, back.schema());
      assertEquals(batch.toRows(), back.toRows());
    });
  }

  private static Object value(DataType type, Random random) {
    return switch (type.simpleString()) {
      case "boolean" -> random.nextBoolean();
      case "int" -> random.nextInt();
      case "bigint" -> random.nextLong();
      case "double" -> random.nextBoolean() ? random.nextDouble() : Double.NaN;
      case "string" -> randomString(random);
      case "date" -> LocalDate.ofEpochDay(random.nextInt(40_000) - 20_000);
      case "timestamp" -> Instant.ofEpochSecond(random.nextInt(), random.nextInt(1_000_000) * 1000L);
      case "decimal(38,6)" -> new BigDecimal(new BigInteger(100, random), 6).multiply(BigDecimal.valueOf(random.nextBoolean() ? 1 : -1));
      case "array<bigint>" -> randomLongs(random);
      default -> random.nextBoolean() ? null : Row.of(random.nextBoolean() ? null : randomString(random), random.nextDouble());
    };
  }

  private static String randomString(Random random) {
    StringBuilder sb = new StringBuilder();
    int n = random.nextInt(12);
    for (int i = 0; i < n; i++) {
      sb.appendCodePoint(random.nextInt(4) == 0 ? 0x4e00 + random.nextInt(500) : 'a' + random.nextInt(26));
    }
    return sb.toString();
  }

  private static List<Object> randomLongs(Random random) {
    List<Object> out = new ArrayList<>();
    int n = random.nextInt(5);
    for (int i = 0; i < n; i++) {
      out.add(random.nextInt(5) == 0 ? null : random.nextLong());
    }
    return out;
  }
}
