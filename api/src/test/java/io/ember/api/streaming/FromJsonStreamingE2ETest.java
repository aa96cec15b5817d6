package io.ember.api.streaming;

import static io.ember.api.functions.col;
import static io.ember.api.functions.from_json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ember.api.DataFrame;
import io.ember.core.data.Row;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Spark's ingestion step on a stream: JSON strings (as a Kafka value cast to string) parsed by {@code from_json}, their
 * fields spread by {@code select("data.*")}, aggregated per key in complete mode.
 */
@Timeout(60)
class FromJsonStreamingE2ETest extends StreamingSessionTest {
  private static final StructType RAW = DataTypes.struct(DataTypes.field("value", DataTypes.STRING));
  private static final StructType EVENT = DataTypes.struct(DataTypes.field("user", DataTypes.STRING),
      DataTypes.field("clicks", DataTypes.LONG));

  @Test
  void memoryStreamOfJsonParsedThenSpreadAndAggregated() {
    MemoryStream input = MemoryStream.of(session, RAW);
    DataFrame events = input.toDF().select(from_json(col("value"), EVENT).alias("data")).select("data.*");
    StreamingQuery spread = events.writeStream().format("memory").queryName("json_events").start();
    StreamingQuery totals = events.filter(col("user").isNotNull()).groupBy("user").sum("clicks")
        .writeStream().format("memory").outputMode("complete").queryName("json_totals").start();
    input.addData(Row.of("{\"user\": \"ann\", \"clicks\": 2}"), Row.of("{\"user\": \"bob\"}"), Row.of("not json"));
    spread.processAllAvailable();
    totals.processAllAvailable();
    assertEquals(List.of("[ann,2]", "[bob,null]", "[null,null]"), sorted(session.table("json_events").collectAsList()));
    input.addData(Row.of("{\"user\": \"ann\", \"clicks\": 5, \"extra\": [1]}"), Row.of((Object) null));
    spread.processAllAvailable();
    totals.processAllAvailable();
    assertEquals(List.of("[ann,2]", "[ann,5]", "[bob,null]", "[null,null]", "[null,null]"),
        sorted(session.table("json_events").collectAsList()));
    assertEquals(List.of("[ann,7]", "[bob,null]"), sorted(session.table("json_totals").collectAsList()));
  }
}
