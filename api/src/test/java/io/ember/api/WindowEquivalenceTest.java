package io.ember.api;

import static io.ember.api.functions.col;
import static io.ember.api.functions.count;
import static io.ember.api.functions.lag;
import static io.ember.api.functions.row_number;
import static io.ember.api.functions.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ember.api.expressions.Window;
import io.ember.core.data.Row;
import io.ember.core.testing.Gen;
import io.ember.core.testing.Seeds;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Window functions give what a plain Java computation gives, whatever the batch size and the number of shuffle
 * partitions (the input is hash-exchanged on the partition key): row_number, lag and a ROWS-frame sum ordered by
 * a unique key, and a RANGE-frame count over a key with ties and nulls.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WindowEquivalenceTest {
  private static final StructType SCHEMA = DataTypes.struct(DataTypes.field("id", DataTypes.INTEGER),
      DataTypes.field("p", DataTypes.STRING), DataTypes.field("o", DataTypes.LONG), DataTypes.field("v", DataTypes.LONG));

  Session session;

  @BeforeAll
  void start() {
    session = Session.builder().master("local[3]").appName("window-equivalence").getOrCreate();
  }

  @AfterAll
  void stop() {
    session.stop();
  }

  static Stream<Long> seeds() {
    return Seeds.of("WindowEquivalenceTest", 8);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void windowFunctionsMatchAPlainComputation(long seed) {
    Seeds.check(seed, this::check);
  }

  private void check(Random random) {
    List<Row> rows = new ArrayList<>();
    int n = Gen.between(random, 0, 200);
    for (int id = 0; id < n; id++) {
      rows.add(Row.of(id, Gen.orNull(random, 0.1, "p" + Gen.between(random, 0, 5)),
          Gen.orNull(random, 0.15, (long) Gen.between(random, 0, 12)),
          Gen.orNull(random, 0.2, (long) Gen.between(random, -50, 50))));
    }
    int a = Gen.between(random, -3, 2);
    int b = Gen.between(random, a, 3);
    session.conf().set("ember.batchSize", Gen.between(random, 1, 50));
    session.conf().set("spark.sql.shuffle.partitions", Gen.between(random, 1, 4));
    try {
      var byUnique = Window.partitionBy("p").orderBy(col("o"), col("id"));
      DataFrame df = session.createDataFrame(rows, SCHEMA).select(col("id"), row_number().over(byUnique),
          lag(col("v"), 1).over(byUnique), sum("v").over(byUnique.rowsBetween(a, b)),
          count("v").over(Window.partitionBy("p").orderBy("o").rangeBetween(a, b)));
      Map<Integer, List<Object>> actual = new HashMap<>();
      for (Row r : df.collectAsList()) {
        List<Object> values = Arrays.asList(r.toArray());
        actual.put((Integer) values.get(0), values.subList(1, values.size()));
      }
      assertEquals(expected(rows, a, b), actual, "frame " + a + " .. " + b);
    } finally {
      session.conf().unset("ember.batchSize");
      session.conf().unset("spark.sql.shuffle.partitions");
    }
  }

  private static Map<Integer, List<Object>> expected(List<Row> rows, int a, int b) {
    Map<String, List<Row>> partitions = new HashMap<>();
    for (Row r : rows) {
      partitions.computeIfAbsent((String) r.get(1), k -> new ArrayList<>()).add(r);
    }
    Map<Integer, List<Object>> out = new HashMap<>();
    Comparator<Row> order = Comparator.comparing((Row r) -> (Long) r.get(2), Comparator.nullsFirst(Comparator.naturalOrder()))
        .thenComparing(r -> (Integer) r.get(0));
    for (List<Row> part : partitions.values()) {
      part.sort(order);
      for (int i = 0; i < part.size(); i++) {
        Long sum = null;
        for (int j = Math.max(0, i + a); j <= Math.min(part.size() - 1, i + b); j++) {
          Long v = (Long) part.get(j).get(3);
          if (v != null) {
            sum = sum == null ? v : sum + v;
          }
        }
        Long key = (Long) part.get(i).get(2);
        long count = 0;
        for (Row other : part) {
          Long k = (Long) other.get(2);
          boolean inFrame = key == null ? k == null : k != null && k >= key + a && k <= key + b;
          if (inFrame && other.get(3) != null) {
            count++;
          }
        }
        Object lag = i == 0 ? null : part.get(i - 1).get(3);
        out.put((Integer) part.get(i).get(0), Arrays.asList(i + 1, lag, sum, count));
      }
    }
    return out;
  }
}
