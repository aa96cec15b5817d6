package io.ember.connectors.file.sink;

import io.ember.core.text.TextValues;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ember.core.data.Batch;
import io.ember.core.data.Row;
import io.ember.core.types.DataTypes;
import io.ember.core.types.DayTimeIntervalType;
import io.ember.core.types.StructType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Period;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Interval columns are written as Spark writes them to text files: their ANSI literal, a string in JSON. */
class IntervalValuesTest {
  static final StructType SCHEMA = DataTypes.struct(
      DataTypes.field("h", new DayTimeIntervalType(DayTimeIntervalType.HOUR, DayTimeIntervalType.MINUTE)),
      DataTypes.field("ym", DataTypes.YEAR_MONTH_INTERVAL), DataTypes.field("n", DataTypes.LONG));
  static final TextValues VALUES = new TextValues(DateTimeFormatter.ISO_LOCAL_DATE, DateTimeFormatter.ISO_LOCAL_DATE_TIME);

  @Test
  void intervalsAreWrittenInTheirAnsiForm() throws Exception {
    Batch batch = Batch.fromRows(SCHEMA, List.of(Row.of(Duration.ofMinutes(-90), Period.of(1, 2, 0), 7L)));
    assertEquals("INTERVAL '-01:30' HOUR TO MINUTE", VALUES.text(batch.column(0), 0));
    assertEquals("INTERVAL '1-2' YEAR TO MONTH", VALUES.text(batch.column(1), 0));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonRecordWriter w = new JsonRecordWriter(out, SCHEMA, VALUES, true)) {
      w.write(batch, 0, new int[] {0, 1, 2});
    }
    assertEquals("{\"h\":\"INTERVAL '-01:30' HOUR TO MINUTE\",\"ym\":\"INTERVAL '1-2' YEAR TO MONTH\",\"n\":7}",
        out.toString(StandardCharsets.UTF_8).trim());
  }
}
