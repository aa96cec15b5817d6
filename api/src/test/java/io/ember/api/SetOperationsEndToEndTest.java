package io.ember.api;

import static io.ember.api.functions.array_repeat;
import static io.ember.api.functions.col;
import static io.ember.api.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ember.core.data.Row;
import io.ember.core.errors.AnalysisException;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code intersect}, {@code intersectAll}, {@code subtract}/{@code except} and {@code exceptAll} end to end at
 * local[3]: duplicates, NULL equal to NULL, names from the left side, widened types and Spark's errors.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SetOperationsEndToEndTest {
  Session session;
  DataFrame left;
  DataFrame right;

  @BeforeAll
  void start() {
    session = Session.builder().master("local[3]").appName(getClass().getSimpleName()).getOrCreate();
    StructType l = DataTypes.struct(DataTypes.field("a", DataTypes.INTEGER), DataTypes.field("b", DataTypes.STRING));
    StructType r = DataTypes.struct(DataTypes.field("k", DataTypes.LONG), DataTypes.field("v", DataTypes.STRING));
    left = session.createDataFrame(List.of(Row.of(1, "x"), Row.of(1, "x"), Row.of(1, "x"), Row.of(2, null),
        Row.of(2, null), Row.of(null, null), Row.of(3, "z")), l);
    right = session.createDataFrame(List.of(Row.of(1L, "x"), Row.of(1L, "x"), Row.of(2L, null), Row.of(null, null),
        Row.of(null, null), Row.of(4L, "w")), r);
  }

  @AfterAll
  void stop() {
    session.stop();
  }

  static List<String> sorted(DataFrame df) {
    List<String> out = new ArrayList<>();
    for (Row row : df.collectAsList()) {
      out.add(String.valueOf(row));
    }
    out.sort(Comparator.naturalOrder());
    return out;
  }

  @Test
  void intersectKeepsDistinctRowsOfBothWithNullsEqual() {
    DataFrame df = left.intersect(right);
    assertEquals(List.of("[1,x]", "[2,null]", "[null,null]"), sorted(df));
    assertEquals(List.of("a", "b"), List.of(df.columns()));
    assertEquals(DataTypes.LONG, df.schema().fields().get(0).dataType());
  }

  @Test
  void intersectAllKeepsTheSmallerCount() {
    assertEquals(List.of("[1,x]", "[1,x]", "[2,null]", "[null,null]"), sorted(left.intersectAll(right)));
    assertEquals(List.of("[1,x]", "[1,x]", "[2,null]", "[null,null]"), sorted(right.intersectAll(left)));
    assertEquals(List.of("k", "v"), List.of(right.intersectAll(left).columns()));
  }

  @Test
  void subtractKeepsDistinctRowsOnlyOnTheLeft() {
    assertEquals(List.of("[3,z]"), sorted(left.subtract(right)));
    assertEquals(List.of("[3,z]"), sorted(left.except(right)));
    assertEquals(List.of("[4,w]"), sorted(right.subtract(left)));
    assertEquals(List.of("[1,x]", "[2,null]", "[3,z]", "[null,null]"), sorted(left.subtract(left.limit(0))));
  }

  @Test
  void exceptAllSubtractsCounts() {
    assertEquals(List.of("[1,x]", "[2,null]", "[3,z]"), sorted(left.exceptAll(right)));
    assertEquals(List.of("[4,w]", "[null,null]"), sorted(right.exceptAll(left)));
    assertEquals(List.of(), sorted(left.exceptAll(left)));
  }

  @Test
  void setOperationsCompose() {
    DataFrame df = left.exceptAll(right).intersectAll(left.select(col("a"), col("b")));
    assertEquals(List.of("[1,x]", "[2,null]", "[3,z]"), sorted(df));
    assertEquals(List.of("[1,x]"), sorted(left.filter(col("a").equalTo(1)).intersect(right)));
  }

  @Test
  void differentColumnCountsAreRejectedAsSparkDoes() {
    AnalysisException e = assertThrows(AnalysisException.class, () -> left.intersect(right.select("k")));
    assertEquals("NUM_COLUMNS_MISMATCH", e.errorClass());
    assertEquals("[NUM_COLUMNS_MISMATCH] INTERSECT can only be performed on inputs with the same number of columns,"
        + " but the first input has 2 columns and the second input has 1 columns.", e.getMessage());
    AnalysisException all = assertThrows(AnalysisException.class, () -> left.select("a").exceptAll(right));
    assertEquals("[NUM_COLUMNS_MISMATCH] EXCEPT ALL can only be performed on inputs with the same number of"
        + " columns, but the first input has 1 columns and the second input has 2 columns.", all.getMessage());
  }

  @Test
  void incompatibleTypesAreRejected() {
    DataFrame arrays = session.range(1).select(array_repeat(lit(1), 2).as("x"), lit("s").as("y"));
    AnalysisException e = assertThrows(AnalysisException.class, () -> left.intersect(arrays).collectAsList());
    assertEquals("[INCOMPATIBLE_COLUMN_TYPE] INTERSECT can only be performed on inputs with compatible column types."
        + " The 1st column of the 2nd table is \"ARRAY<INT>\" type which is not compatible with \"INT\" at the"
        + " same column of the first table.", e.getMessage());
  }

  @Test
  void arrayRepeatRepeatsAnElement() {
    DataFrame df = session.range(1).select(array_repeat(lit("ab"), 3).as("r"), array_repeat(lit(1), 0).as("e"),
        array_repeat(lit(1), lit(null).cast("int")).as("n"));
    assertEquals("[[ab, ab, ab],[],null]", String.valueOf(df.collectAsList().get(0)));
  }
}
