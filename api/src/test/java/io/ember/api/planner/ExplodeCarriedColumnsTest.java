package io.ember.api.planner;

import static io.ember.api.functions.col;
import static io.ember.api.functions.explode;
import static io.ember.api.functions.explode_outer;
import static io.ember.api.functions.split;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.api.DataFrame;
import io.ember.api.Session;
import io.ember.core.data.Row;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** An explode under a projection carries only the input columns the projection reads. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExplodeCarriedColumnsTest {
  private Session session;
  private DataFrame lines;

  @BeforeAll
  void start() {
    session = Session.builder().master("local[2]").appName("explode-carried").getOrCreate();
    StructType schema = DataTypes.struct(DataTypes.field("id", DataTypes.INTEGER),
        DataTypes.field("line", DataTypes.STRING), DataTypes.field("tag", DataTypes.STRING));
    lines = session.createDataFrame(List.of(Row.of(1, "a b", "x"), Row.of(2, "", "y"), Row.of(3, null, "z"),
        Row.of(4, "c", null)), schema);
  }

  @AfterAll
  void stop() {
    session.stop();
  }

  private static String physical(DataFrame df) {
    String all = df.queryExecution().explain(true);
    return all.substring(all.indexOf("== Physical Plan =="));
  }

  @Test
  void aColumnOnlyTheGeneratorReadsIsNotCarried() {
    DataFrame words = lines.select(explode(split(col("line"), " ")).alias("word"));
    String plan = physical(words);
    assertTrue(plan.contains("Project([split(line, ' ', -1) AS __explode_input]) -> Generate"), plan);
    assertEquals(List.of("a", "b", "", "c"), words.collectAsList().stream().map(r -> r.get(0)).toList());
  }

  @Test
  void columnsTheProjectionReadsAreCarriedInTheirOrder() {
    DataFrame words = lines.select(col("tag"), explode_outer(split(col("line"), " ")).alias("word"), col("id"));
    String plan = physical(words);
    assertTrue(plan.contains("Project([id, tag, split(line, ' ', -1) AS __explode_input]) -> Generate"), plan);
    assertEquals(List.of(Row.of("x", "a", 1), Row.of("x", "b", 1), Row.of("y", "", 2), Row.of("z", null, 3),
        Row.of(null, "c", 4)), words.orderBy("id", "word").collectAsList());
  }
}
