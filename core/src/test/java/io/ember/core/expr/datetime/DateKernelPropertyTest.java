package io.ember.core.expr.datetime;

import static io.ember.core.expr.string.FunctionHarness.evalColumn;
import static io.ember.core.expr.string.FunctionHarness.i;
import static io.ember.core.expr.string.FunctionHarness.str;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ember.core.testing.Gen;
import io.ember.core.testing.Seeds;
import io.ember.core.types.DataTypes;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Date parts and date arithmetic agree with java.time for days on both sides of the epoch. */
class DateKernelPropertyTest {
  private static final int RANGE = 1_000_000; // about 2700 years either side of 1970

  static Stream<Long> partSeeds() {
    return Seeds.of("DateKernelPropertyTest.parts", 300);
  }

  static Stream<Long> arithmeticSeeds() {
    return Seeds.of("DateKernelPropertyTest.arithmetic", 300);
  }

  static Stream<Long> formatSeeds() {
    return Seeds.of("DateKernelPropertyTest.format", 200);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("partSeeds")
  void datePartsMatchJavaTime(long seed) {
    Seeds.check(seed, random -> {
      LocalDate d = LocalDate.ofEpochDay(Gen.betweenWithEdges(random, -RANGE, RANGE));
      List<LocalDate> in = List.of(d);
      assertEquals(List.of(d.getYear()), evalColumn("year", DataTypes.DATE, in));
      assertEquals(List.of(d.getMonthValue()), evalColumn("month", DataTypes.DATE, in));
      assertEquals(List.of(d.getDayOfMonth()), evalColumn("dayofmonth", DataTypes.DATE, in));
      assertEquals(List.of(d.getDayOfYear()), evalColumn("dayofyear", DataTypes.DATE, in));
      assertEquals(List.of(d.getDayOfWeek().getValue() % 7 + 1), evalColumn("dayofweek", DataTypes.DATE, in));
      assertEquals(List.of(d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)), evalColumn("weekofyear", DataTypes.DATE, in));
    });
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("arithmeticSeeds")
  void dateAddThenDatediffGivesTheDaysBack(long seed) {
    Seeds.check(seed, random -> {
      LocalDate d = LocalDate.ofEpochDay(Gen.betweenWithEdges(random, -RANGE, RANGE));
      int n = Gen.betweenWithEdges(random, -5000, 5000);
      assertEquals(List.of(d.plusDays(n)), evalColumn("date_add", DataTypes.DATE, List.of(d), i(n)));
      assertEquals(List.of(d.minusDays(n)), evalColumn("date_sub", DataTypes.DATE, List.of(d), i(n)));
      assertEquals(List.of(n), evalColumn("datediff", DataTypes.DATE, List.of(d.plusDays(n)),
          new io.ember.core.expr.Literal(d, DataTypes.DATE)));
    });
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("formatSeeds")
  void formattingThenParsingADateRoundTrips(long seed) {
    Seeds.check(seed, random -> {
      LocalDate d = LocalDate.ofEpochDay(Gen.betweenWithEdges(random, 0, 2_900_000) - 719_162); // years 1 to ~7900
      List<Object> text = evalColumn("date_format", DataTypes.DATE, List.of(d), str("yyyy-MM-dd"));
      assertEquals(List.of(d), evalColumn("to_date", DataTypes.STRING, text, str("yyyy-MM-dd")));
    });
  }
}
