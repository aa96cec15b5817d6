package io.ember.connectors.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.connectors.ReadAll;
import io.ember.connectors.source.Source;
import io.ember.connectors.source.SupportsPushdown;
import io.ember.core.data.Row;
import io.ember.core.expr.ColumnRef;
import io.ember.core.expr.Comparison;
import io.ember.core.expr.Literal;
import io.ember.core.types.DataTypes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PushdownTest {
  @TempDir Path dir;

  private SupportsPushdown source(String format) throws IOException {
    Path p = dir.resolve("d." + format);
    if (format.equals("csv")) {
      Files.writeString(p, "1,a,10\n2,b,20\n3,c,\n4,d,40\n");
    } else {
      Files.writeString(p, "{\"a\":1,\"b\":\"a\",\"c\":10}\n{\"a\":2,\"b\":\"b\",\"c\":20}\n{\"a\":3,\"b\":\"c\"}\n"
          + "{\"a\":4,\"b\":\"d\",\"c\":40}\n");
    }
    return (SupportsPushdown) FileSources.create(format, List.of(p.toString()), Map.of(), DdlSchema.parse("a INT, b STRING, c INT"));
  }

  private static Comparison greater(int index, String name, int value) {
    return new Comparison(Comparison.Op.GT, new ColumnRef(index, name, DataTypes.INTEGER, true), new Literal(value, DataTypes.INTEGER));
  }

  @Test
  void filtersThenProjectionDropRowsOnColumnsNotInTheOutput() throws IOException {
    for (String format : List.of("csv", "json")) {
      Source filtered = source(format).withFilters(List.of(greater(2, "c", 15)));
      Source narrowed = ((SupportsPushdown) filtered).withColumns(new int[] {1});
      assertEquals("struct<b:string>", narrowed.schema().simpleString());
      assertEquals(List.of(Row.of("b"), Row.of("d")), ReadAll.rows(narrowed, 1, 2), format);
    }
  }

  @Test
  void projectionThenFiltersBindToTheNarrowedSchema() throws IOException {
    Source narrowed = source("csv").withColumns(new int[] {2, 1});
    Source filtered = ((SupportsPushdown) narrowed).withFilters(List.of(greater(0, "c", 15)));
    assertEquals(List.of(Row.of(20, "b"), Row.of(40, "d")), ReadAll.rows(filtered));
    assertTrue(filtered.explain().startsWith("FileScan csv ["), filtered.explain());
    assertTrue(filtered.explain().endsWith(" schema=struct<c:int,b:string> filters=[" + greater(2, "c", 15).sql() + "]"), filtered.explain());
  }

  @Test
  void noColumnsStillCountsRows() throws IOException {
    for (String format : List.of("csv", "json")) {
      Source none = source(format).withColumns(new int[0]);
      assertEquals("struct<>", none.schema().simpleString());
      int rows = ReadAll.batches(none, 2, 3).stream().mapToInt(io.ember.core.data.Batch::numRows).sum();
      assertEquals(4, rows, format);
    }
  }
}
