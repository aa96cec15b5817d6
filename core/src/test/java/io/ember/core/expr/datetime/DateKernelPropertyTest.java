package io.ember.core.expr.datetime;

import static io.ember.core.expr.string.FunctionHarness.evalColumn;
import static io.ember.core.expr.string.FunctionHarness.i;
import static io.ember.core.expr.string.FunctionHarness.str;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ember.core.types.DataTypes;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Date parts and date arithmetic agree with java.time for days on both sides of the epoch. */
class DateKernelPropertyTest {
  private static final int RANGE = 1_000_000; // about 2700 years either side of 1970

  @Property(tries = 300)
  void datePartsMatchJavaTime(@ForAll @IntRange(min = -RANGE, max = RANGE) int day) {
    LocalDate d = LocalDate.ofEpochDay(day);
    List<LocalDate> in = List.of(d);
    assertEquals(List.of(d.getYear()), evalColumn("year", DataTypes.DATE, in));
    assertEquals(List.of(d.getMonthValue()), evalColumn("month", DataTypes.DATE, in));
    assertEquals(List.of(d.getDayOfMonth()), evalColumn("dayofmonth", DataTypes.DATE, in));
    assertEquals(List.of(d.getDayOfYear()), evalColumn("dayofyear", DataTypes.DATE, in));
    assertEquals(List.of(d.getDayOfWeek().getValue() % 7 + 1), evalColumn("dayofweek", DataTypes.DATE, in));
    assertEquals(List.of(d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)), evalColumn("weekofyear", DataTypes.DATE, in));
  }

  @Property(tries = 300)
  void dateAddThenDatediffGivesTheDaysBack(
      @ForAll @IntRange(min = -RANGE, max = RANGE) int day, @ForAll @IntRange(min = -5000, max = 5000) int n) {
    LocalDate d = LocalDate.ofEpochDay(day);
    assertEquals(List.of(d.plusDays(n)), evalColumn("date_add", DataTypes.DATE, List.of(d), i(n)));
    assertEquals(List.of(d.minusDays(n)), evalColumn("date_sub", DataTypes.DATE, List.of(d), i(n)));
    assertEquals(List.of(n), evalColumn("datediff", DataTypes.DATE, List.of(d.plusDays(n)),
        new io.ember.core.expr.Literal(d, DataTypes.DATE)));
  }

  @Property(tries = 200)
  void formattingThenParsingADateRoundTrips(@ForAll @IntRange(min = 0, max = 2_900_000) int day) {
    LocalDate d = LocalDate.ofEpochDay(day - 719_162); // years 1 to about 7900
    List<Object> text = evalColumn("date_format", DataTypes.DATE, List.of(d), str("yyyy-MM-dd"));
    assertEquals(List.of(d), evalColumn("to_date", DataTypes.STRING, text, str("yyyy-MM-dd")));
  }
}
