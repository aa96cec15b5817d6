package io.ember.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.ember.api.execution.QueryExecution;
import io.ember.connectors.file.FileSinks;
import io.ember.connectors.file.SaveMode;
import io.ember.connectors.memory.CollectSink;
import io.ember.core.data.Batch;
import io.ember.core.data.Row;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import io.ember.runtime.JobConfig;
import io.ember.runtime.graph.JobGraph;
import io.ember.runtime.graph.Vertex;
import io.ember.runtime.remote.PlanCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every job graph the planner makes can travel to another node: a broad set of queries (scans of memory and CSV,
 * filters, projections over many functions, aggregates, joins, window functions, sorts, unions, set operations,
 * subqueries) is planned, its graph and job configuration go through the runtime's plan codec, and the decoded
 * graph runs to the rows the query collects.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlansOnTheWireTest {
  private static final StructType SALES = DataTypes.struct(DataTypes.field("id", DataTypes.LONG),
      DataTypes.field("region", DataTypes.STRING), DataTypes.field("amount", DataTypes.DOUBLE),
      DataTypes.field("day", DataTypes.DATE), DataTypes.field("note", DataTypes.STRING));
  private static final StructType REGIONS = DataTypes.struct(DataTypes.field("region", DataTypes.STRING),
      DataTypes.field("manager", DataTypes.STRING));

  @TempDir
  static Path dir;
  Session session;

  @BeforeAll
  void start() throws Exception {
    session = Session.builder().master("local[2]").appName("plans-on-the-wire")
        .config("spark.sql.shuffle.partitions", 3).getOrCreate();
    Random rnd = new Random(7);
    List<Row> sales = new ArrayList<>();
    String[] regions = {"north", "south", "east", "west", null};
    for (long i = 0; i < 400; i++) {
      sales.add(Row.of(i, regions[rnd.nextInt(regions.length)], rnd.nextInt(8) == 0 ? null : rnd.nextInt(100000) / 100.0,
          java.time.LocalDate.of(2024, 1, 1).plusDays(rnd.nextInt(90)), rnd.nextBoolean() ? "Ember, ok" : " x-" + i));
    }
    session.createDataFrame(sales, SALES).createOrReplaceTempView("sales");
    session.createDataFrame(List.of(Row.of("north", "Ann"), Row.of("south", "Bo"), Row.of("east", null)), REGIONS)
        .createOrReplaceTempView("regions");
    Path csv = dir.resolve("people.csv");
    Files.writeString(csv, "name,age,city\nann,34,Oslo\nbo,27,Rome\ncy,,Oslo\ndee,51,Lima\n");
    session.read().option("header", true).option("inferSchema", true).csv(csv.toString())
        .createOrReplaceTempView("people");
  }

  @AfterAll
  void stop() {
    session.stop();
  }

  static List<String> queries() {
    return List.of(
        "SELECT id, amount FROM sales WHERE amount > 500 AND region IS NOT NULL",
        "SELECT id, upper(region), length(note), concat(region, '/', note), substring(note, 2, 3),"
            + " abs(amount - 500), round(amount, 1), sqrt(amount), coalesce(region, 'none'),"
            + " CASE WHEN amount > 100 THEN 'big' ELSE 'small' END, CAST(amount AS BIGINT), year(day),"
            + " date_add(day, 10), datediff(day, DATE '2024-01-01'), regexp_replace(note, '[0-9]', '#'),"
            + " split(note, ','), size(split(note, ',')), trim(note), lpad(CAST(id AS STRING), 5, '0'),"
            + " greatest(id, 100), id % 7, pmod(-id, 5), date_format(day, 'yyyy/MM'),"
            + " instr(note, 'o'), initcap(note), reverse(note), array_contains(split(note, ','), 'ok') FROM sales",
        "SELECT region, count(*), sum(amount), avg(amount), min(day), max(note), count(DISTINCT note),"
            + " size(collect_list(id)), stddev(amount) FROM sales GROUP BY region",
        "SELECT count(*), sum(id) FROM sales",
        "SELECT s.id, s.region, r.manager FROM sales s JOIN regions r ON s.region = r.region",
        "SELECT s.id, r.manager FROM sales s LEFT JOIN regions r ON s.region = r.region WHERE s.id < 50",
        "SELECT id, region, row_number() OVER (PARTITION BY region ORDER BY id) AS rn,"
            + " sum(amount) OVER (PARTITION BY region ORDER BY id ROWS BETWEEN 2 PRECEDING AND CURRENT ROW),"
            + " lag(amount) OVER (PARTITION BY region ORDER BY id) FROM sales",
        "SELECT id, amount FROM sales ORDER BY amount DESC NULLS LAST, id LIMIT 17",
        "SELECT id FROM sales WHERE id < 10 UNION ALL SELECT id FROM sales WHERE id > 390",
        "SELECT region FROM sales INTERSECT SELECT region FROM regions",
        "SELECT DISTINCT region, year(day) FROM sales",
        "SELECT id FROM sales WHERE region IN (SELECT region FROM regions WHERE manager IS NOT NULL)",
        "SELECT city, count(*), avg(age) FROM people GROUP BY city",
        "SELECT p.name, s.id FROM people p JOIN sales s ON p.age = s.id");
  }

  @ParameterizedTest
  @MethodSource("queries")
  void theDecodedGraphRunsToTheQuerysRows(String sql) {
    DataFrame df = session.sql(sql);
    QueryExecution qe = df.queryExecution();
    JobGraph graph = qe.physicalPlan(new CollectSink());
    JobGraph back = PlanCodec.decode(PlanCodec.encode(graph), JobGraph.class);
    JobConfig config = PlanCodec.decode(PlanCodec.encode(qe.jobConfig()), JobConfig.class);
    assertEquals(graph.explain(), back.explain());

    session.runner().run(back, config);

    List<String> expected = sorted(df.collectAsList());
    assertFalse(expected.isEmpty(), sql);
    assertEquals(expected, sorted(rows(sinkOf(back))), sql);
  }

  static List<String> fileQueries() {
    return List.of(queries().get(0), queries().get(2), queries().get(4), queries().get(12));
  }

  @ParameterizedTest
  @MethodSource("fileQueries")
  void aFileSinkTravelsWithItsGraph(String sql) {
    DataFrame df = session.sql(sql).limit(1000);
    Path out = dir.resolve("out-" + Math.abs(sql.hashCode()));
    JobGraph graph = df.queryExecution().physicalPlan(FileSinks.create("json", out.toString(), SaveMode.ERROR_IF_EXISTS,
        Map.of(), List.of()));
    JobGraph back = PlanCodec.decode(PlanCodec.encode(graph), JobGraph.class);
    session.runner().run(back, df.queryExecution().jobConfig());
    assertEquals(df.count(), session.read().schema(df.schema()).json(out.toString()).count(), sql);
  }

  private static CollectSink sinkOf(JobGraph graph) {
    for (Vertex v : graph.vertices()) {
      if (v instanceof Vertex.SinkVertex s) {
        return (CollectSink) s.sink();
      }
    }
    throw new AssertionError("no sink in " + graph.explain());
  }

  private static List<Row> rows(CollectSink sink) {
    List<Row> rows = new ArrayList<>();
    for (Batch b : sink.batches()) {
      for (int i = 0; i < b.numRows(); i++) {
        rows.add(b.row(i));
      }
    }
    return rows;
  }

  private static List<String> sorted(List<Row> rows) {
    List<String> out = new ArrayList<>();
    for (Row r : rows) {
      out.add(r.toString());
    }
    out.sort(Comparator.naturalOrder());
    return out;
  }
}
