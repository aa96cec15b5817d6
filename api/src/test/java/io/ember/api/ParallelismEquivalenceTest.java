package io.ember.api;

import static io.ember.api.functions.col;
import static io.ember.api.functions.count;
import static io.ember.api.functions.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ember.core.data.Row;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Aggregations, joins and distinct give the answer a plain Java computation gives, whatever the batch size and
 * the number of shuffle partitions. Data is random but seeded, so a failure reproduces.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ParallelismEquivalenceTest {
  private static final StructType FACTS = DataTypes.struct(
      DataTypes.field("k", DataTypes.STRING), DataTypes.field("v", DataTypes.LONG));
  private static final StructType DIM = DataTypes.struct(
      DataTypes.field("k", DataTypes.STRING), DataTypes.field("w", DataTypes.INTEGER));

  Session session;

  @BeforeAll
  void start() {
    session = Session.builder().master("local[3]").appName("equivalence").getOrCreate();
  }

  @AfterAll
  void stop() {
    session.stop();
  }

  private static String key(Random rnd) {
    return rnd.nextInt(10) == 0 ? null : "k" + rnd.nextInt(12);
  }

  @ParameterizedTest(name = "seed {0}, batch size {1}, {2} shuffle partitions")
  @CsvSource({"1,8192,1", "2,3,4", "3,1,3", "4,5,2"})
  void resultsMatchAPlainComputation(long seed, int batchSize, int shufflePartitions) {
    Random rnd = new Random(seed);
    List<Row> facts = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      facts.add(Row.of(key(rnd), rnd.nextInt(5) == 0 ? null : (long) rnd.nextInt(1000) - 500));
    }
    List<Row> dims = new ArrayList<>();
    for (int i = 0; i < 15; i++) {
      dims.add(Row.of(key(rnd), i));
    }
    session.conf().set("ember.batchSize", batchSize);
    session.conf().set("spark.sql.shuffle.partitions", shufflePartitions);
    try {
      DataFrame f = session.createDataFrame(facts, FACTS);
      DataFrame d = session.createDataFrame(dims, DIM);
      assertEquals(expectedGroups(facts), asMap(f.groupBy("k").agg(count("*"), sum("v"))));
      assertEquals(new HashSet<>(facts).size(), f.distinct().count());
      assertEquals(expectedJoinSize(facts, dims), f.join(d, "k").count());
      assertEquals(expectedJoinSize(facts, dims) + unmatched(facts, dims), f.join(d, List.of("k"), "left").count());
      assertEquals(sumOf(facts), f.agg(sum("v")).first().get(0));
      assertEquals(sortedValues(facts), f.orderBy(col("v").desc_nulls_last()).select("v").collectAsList().stream()
          .map(r -> r.get(0)).toList());
    } finally {
      session.conf().unset("ember.batchSize");
      session.conf().unset("spark.sql.shuffle.partitions");
    }
  }

  private static Map<String, List<Object>> asMap(DataFrame grouped) {
    Map<String, List<Object>> out = new TreeMap<>();
    for (Row r : grouped.collectAsList()) {
      out.put(String.valueOf(r.get(0)), java.util.Arrays.asList(r.get(1), r.get(2)));
    }
    return out;
  }

  private static Map<String, List<Object>> expectedGroups(List<Row> facts) {
    Map<String, long[]> counts = new HashMap<>();
    Map<String, Long> sums = new HashMap<>();
    for (Row r : facts) {
      String k = String.valueOf(r.get(0));
      counts.computeIfAbsent(k, x -> new long[1])[0]++;
      if (r.get(1) != null) {
        sums.merge(k, (Long) r.get(1), Long::sum);
      }
    }
    Map<String, List<Object>> out = new TreeMap<>();
    counts.forEach((k, c) -> out.put(k, java.util.Arrays.asList(c[0], sums.get(k))));
    return out;
  }

  private static long expectedJoinSize(List<Row> facts, List<Row> dims) {
    long n = 0;
    for (Row f : facts) {
      for (Row d : dims) {
        n += f.get(0) != null && Objects.equals(f.get(0), d.get(0)) ? 1 : 0;
      }
    }
    return n;
  }

  private static long unmatched(List<Row> facts, List<Row> dims) {
    Set<Object> keys = new HashSet<>();
    dims.forEach(d -> keys.add(d.get(0)));
    return facts.stream().filter(f -> f.get(0) == null || !keys.contains(f.get(0))).count();
  }

  private static Object sumOf(List<Row> facts) {
    return facts.stream().filter(r -> r.get(1) != null).mapToLong(r -> (Long) r.get(1)).sum();
  }

  private static List<Object> sortedValues(List<Row> facts) {
    List<Long> present = new ArrayList<>();
    long nulls = 0;
    for (Row r : facts) {
      if (r.get(1) == null) {
        nulls++;
      } else {
        present.add((Long) r.get(1));
      }
    }
    present.sort(java.util.Comparator.reverseOrder());
    List<Object> out = new ArrayList<>(present);
    for (long i = 0; i < nulls; i++) {
      out.add(null);
    }
    return out;
  }
}
