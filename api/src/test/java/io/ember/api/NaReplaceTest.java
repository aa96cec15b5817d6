package io.ember.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.core.data.Row;
import io.ember.core.errors.AnalysisException;
import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code na().replace} with Spark's rules: the first key's type picks the columns (numbers: numeric columns,
 * compared as doubles; strings: string columns; booleans: boolean columns), values cast to the column's type,
 * null values, {@code "*"} and chosen columns, and the errors.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NaReplaceTest {
  Session session;
  DataFrame df;

  @BeforeAll
  void start() {
    session = Session.builder().master("local[2]").appName(getClass().getSimpleName()).getOrCreate();
    StructType schema = DataTypes.struct(DataTypes.field("name", DataTypes.STRING),
        DataTypes.field("age", DataTypes.INTEGER), DataTypes.field("height", DataTypes.DOUBLE),
        DataTypes.field("ok", DataTypes.BOOLEAN), DataTypes.field("alias", DataTypes.STRING));
    df = session.createDataFrame(List.of(Row.of("Alice", 10, 80.0, true, "Alice"), Row.of("Bob", 5, 10.0, false, null),
        Row.of("Tom", null, 10.5, null, "Tom"), Row.of(null, 10, null, true, "Bob")), schema);
  }

  @AfterAll
  void stop() {
    session.stop();
  }

  static List<String> rows(DataFrame d) {
    List<String> out = new ArrayList<>();
    for (Row r : d.collectAsList()) {
      out.add(String.valueOf(r));
    }
    out.sort(String::compareTo);
    return out;
  }

  @Test
  void numbersReplaceInEveryNumericColumnCastToItsType() {
    DataFrame out = df.na().replace("*", Map.of(10, 20));
    assertEquals(List.of("[Alice,20,80.0,true,Alice]", "[Bob,5,20.0,false,null]", "[Tom,null,10.5,null,Tom]",
        "[null,20,null,true,Bob]"), rows(out));
    assertEquals(df.dtypes(), out.dtypes());
    assertEquals(List.of("[Alice,10,80.0,true,Alice]", "[Bob,5,10.0,false,null]", "[Tom,null,10.9,null,Tom]",
        "[null,10,null,true,Bob]"), rows(df.na().replace("height", Map.of(10.5, 10.9))));
    assertTrue(rows(df.na().replace("age", Map.of(5, 7.9))).contains("[Bob,7,10.0,false,null]"));
  }

  @Test
  void stringsReplaceInStringColumnsOnlyAndMayBecomeNull() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("Alice", "A");
    m.put("Bob", null);
    assertEquals(List.of("[A,10,80.0,true,A]", "[Tom,null,10.5,null,Tom]", "[null,10,null,true,null]",
        "[null,5,10.0,false,null]"), rows(df.na().replace(df.columns(), m)));
    assertEquals(List.of("[A,10,80.0,true,Alice]", "[Tom,null,10.5,null,Tom]", "[null,10,null,true,Bob]",
        "[null,5,10.0,false,null]"), rows(df.na().replace("name", m)));
  }

  @Test
  void booleansReplaceInBooleanColumnsAndTypesThatDoNotMatchAreUntouched() {
    assertEquals(List.of("[Alice,10,80.0,false,Alice]", "[Bob,5,10.0,false,null]", "[Tom,null,10.5,null,Tom]",
        "[null,10,null,false,Bob]"), rows(df.na().replace("*", Map.of(true, false))));
    assertSame(df, df.na().replace("name", Map.of(10, 20)));
    assertSame(df, df.na().replace("*", Map.of()));
  }

  @Test
  void theFirstMatchingKeyWins() {
    Map<Object, Object> m = new LinkedHashMap<>();
    m.put(5, 1);
    m.put(5.0, 2);
    assertTrue(rows(df.na().replace("age", m)).contains("[Bob,1,10.0,false,null]"));
  }

  @Test
  void unknownColumnsAndUnsupportedTypesAreRejected() {
    assertThrows(AnalysisException.class, () -> df.na().replace("nope", Map.of(1, 2)));
    EmberIllegalArgumentException e = assertThrows(EmberIllegalArgumentException.class,
        () -> df.na().replace("*", Map.of(1, List.of(2))));
    assertTrue(e.getMessage().contains("Unsupported value type"), e.getMessage());
  }
}
