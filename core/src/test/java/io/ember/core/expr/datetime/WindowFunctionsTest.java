package io.ember.core.expr.datetime;

import static io.ember.core.expr.string.FunctionHarness.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.Row;
import io.ember.core.data.VectorBuilder;
import io.ember.core.errors.AnalysisException;
import io.ember.core.expr.Expression;
import io.ember.core.expr.FunctionRegistry;
import io.ember.core.testing.Gen;
import io.ember.core.testing.Seeds;
import io.ember.core.types.DataTypes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class WindowFunctionsTest {
  private static final long MINUTE = 60_000_000L;

  private static Row window(String start, String end) {
    return Row.of(Instant.parse(start), Instant.parse(end));
  }

  private static List<Object> windowsOf(List<Object> times, Expression... durations) {
    List<Object> out = evalColumn("window", DataTypes.TIMESTAMP, times, durations);
    List<Object> plain = new ArrayList<>();
    for (Object o : out) {
      plain.add(o == null ? null : List.of(((Row) o).get(0), ((Row) o).get(1)));
    }
    return plain;
  }

  private static List<Instant> pair(String start, String end) {
    return List.of(Instant.parse(start), Instant.parse(end));
  }

  /** Every window (start, end) containing each row, by the expansion the analyzer explodes. */
  private static List<List<List<Instant>>> expand(List<Object> times, Expression... durations) {
    List<Expression> args = new ArrayList<>();
    args.add(col(0, DataTypes.TIMESTAMP));
    args.addAll(Arrays.asList(durations));
    TimeWindow w = (TimeWindow) FunctionRegistry.standard().build("window", args);
    VectorBuilder b = VectorBuilder.forType(DataTypes.TIMESTAMP, times.size());
    times.forEach(b::append);
    Batch batch = new Batch(DataTypes.struct(DataTypes.field("c0", DataTypes.TIMESTAMP)),
        new ColumnVector[] {b.build()}, times.size());
    ColumnVector arrays = w.expanded().evaluate(batch, ANSI);
    List<List<List<Instant>>> out = new ArrayList<>();
    for (int r = 0; r < arrays.size(); r++) {
      List<List<Instant>> row = new ArrayList<>();
      for (Object o : (List<?>) arrays.get(r)) {
        row.add(List.of((Instant) ((Row) o).get(0), (Instant) ((Row) o).get(1)));
      }
      out.add(row);
    }
    return out;
  }

  @Test
  void tumblingWindowsHoldTheirStartAndExcludeTheirEnd() {
    List<Object> times = values(Instant.parse("2021-01-01T00:00:00Z"), Instant.parse("2021-01-01T00:04:30Z"),
        Instant.parse("2021-01-01T00:05:00Z"), null, Instant.parse("1969-12-31T23:58:00Z"));
    assertEquals(values(pair("2021-01-01T00:00:00Z", "2021-01-01T00:05:00Z"),
        pair("2021-01-01T00:00:00Z", "2021-01-01T00:05:00Z"), pair("2021-01-01T00:05:00Z", "2021-01-01T00:10:00Z"),
        null, pair("1969-12-31T23:55:00Z", "1970-01-01T00:00:00Z")), windowsOf(times, str("5 minutes")));
  }

  @Test
  void startTimeOffsetsTheWindows() {
    List<Object> times = values(Instant.parse("2021-01-01T12:14:59Z"), Instant.parse("2021-01-01T12:15:00Z"));
    assertEquals(values(pair("2021-01-01T11:15:00Z", "2021-01-01T12:15:00Z"),
        pair("2021-01-01T12:15:00Z", "2021-01-01T13:15:00Z")),
        windowsOf(times, str("1 hour"), str("1 hour"), str("15 minutes")));
    assertEquals(values(pair("2021-01-01T11:45:00Z", "2021-01-01T12:45:00Z"),
        pair("2021-01-01T11:45:00Z", "2021-01-01T12:45:00Z")),
        windowsOf(times, str("1 hour"), str("1 hour"), str("-15 minutes")));
  }

  @Test
  void slidingWindowsListEveryWindowContainingTheRowLatestFirst() {
    // Spark's documented example: window(b, '10 minutes', '5 minutes')
    List<List<List<Instant>>> got = expand(values(Instant.parse("2021-01-01T00:04:30Z"),
        Instant.parse("2021-01-01T00:05:00Z"), null), str("10 minutes"), str("5 minutes"));
    assertEquals(List.of(
        List.of(pair("2021-01-01T00:00:00Z", "2021-01-01T00:10:00Z"), pair("2020-12-31T23:55:00Z", "2021-01-01T00:05:00Z")),
        List.of(pair("2021-01-01T00:05:00Z", "2021-01-01T00:15:00Z"), pair("2021-01-01T00:00:00Z", "2021-01-01T00:10:00Z")),
        List.of()), got);
  }

  @Test
  void slideThatDoesNotDivideTheWindowKeepsOnlyContainingWindows() {
    // windows of 10 minutes every 3: a row at 00:10 lies in those starting at 00:09, 00:06, 00:03 but not 00:00
    List<List<List<Instant>>> got = expand(values(Instant.parse("2021-01-01T00:10:00Z")), str("10 minutes"),
        str("3 minutes"));
    assertEquals(List.of(List.of(pair("2021-01-01T00:09:00Z", "2021-01-01T00:19:00Z"),
        pair("2021-01-01T00:06:00Z", "2021-01-01T00:16:00Z"), pair("2021-01-01T00:03:00Z", "2021-01-01T00:13:00Z"))),
        got);
  }

  static Stream<Long> seeds() {
    return Seeds.of("time-window-expansion", 200);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void expansionIsExactlyTheWindowsThatContainTheTime(long seed) {
    Seeds.check(seed, random -> {
      long slide = Gen.between(random, 1, 50) * MINUTE / 10;
      long window = slide * Gen.between(random, 1, 5) + (random.nextBoolean() ? 0 : Gen.between(random, 0, 9) * MINUTE / 10);
      window = Math.max(window, slide);
      long start = slide == 1 ? 0 : (random.nextLong() % slide);
      long t = (random.nextLong() % (1L << 50));
      Instant ti = Instant.ofEpochSecond(Math.floorDiv(t, 1_000_000L), Math.floorMod(t, 1_000_000L) * 1000);
      List<List<Instant>> got = expand(values(ti), l(window), l(slide), l(start)).get(0);
      List<List<Instant>> want = new ArrayList<>();
      long first = Math.floorDiv(t - start, slide) * slide + start;
      for (long s = first; s > t - window; s -= slide) {
        want.add(List.of(micros(s), micros(s + window)));
      }
      assertEquals(want, got);
      Object tumbling = windowsOf(values(ti), l(window), l(slide), l(start)).get(0);
      assertEquals(want.get(0), tumbling);
    });
  }

  private static Instant micros(long us) {
    return Instant.ofEpochSecond(Math.floorDiv(us, 1_000_000L), Math.floorMod(us, 1_000_000L) * 1000);
  }

  @Test
  void durationsAreIntervalStringsOrMicroseconds() {
    TimeWindow w = (TimeWindow) call("window", ts("2021-01-01T00:00:00Z"), str("interval 1 hour 30 seconds"),
        str("10 MINUTES"), str("500 milliseconds"));
    assertEquals(3_630_000_000L, w.windowMicros());
    assertEquals(10 * MINUTE, w.slideMicros());
    assertEquals(500_000L, w.startMicros());
    assertTrue(((TimeWindow) call("window", ts("2021-01-01T00:00:00Z"), l(5L))).isTumbling());
    assertEquals(86_400_000_000L * 7 + 1_500_000L,
        ((TimeWindow) call("window", ts("2021-01-01T00:00:00Z"), str("1 week 1.5 seconds"))).windowMicros());
  }

  @Test
  void invalidDurationsFailWithSparksErrors() {
    AnalysisException e = assertThrows(AnalysisException.class,
        () -> call("window", ts("2021-01-01T00:00:00Z"), str("0 seconds")));
    assertEquals("DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE", e.errorClass());
    assertTrue(e.getMessage().contains("The `window_duration` must be between (0, 9223372036854775807] (current value"
        + " = 0L)."), e.getMessage());
    e = assertThrows(AnalysisException.class,
        () -> call("window", ts("2021-01-01T00:00:00Z"), str("10 minutes"), str("-1 minute")));
    assertEquals("DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE", e.errorClass());
    assertTrue(e.getMessage().contains("`slide_duration`"), e.getMessage());
    e = assertThrows(AnalysisException.class,
        () -> call("window", ts("2021-01-01T00:00:00Z"), str("5 minutes"), str("10 minutes")));
    assertEquals("DATATYPE_MISMATCH.PARAMETER_CONSTRAINT_VIOLATION", e.errorClass());
    assertTrue(e.getMessage().contains("The `slide_duration`(600000000L) must be <= the `window_duration`(300000000L)."),
        e.getMessage());
    e = assertThrows(AnalysisException.class, () -> call("window", ts("2021-01-01T00:00:00Z"), str("10 minutes"),
        str("5 minutes"), str("5 minutes")));
    assertTrue(e.getMessage().contains("The `abs(start_time)`(300000000L) must be < the `slide_duration`(300000000L)."),
        e.getMessage());
    e = assertThrows(AnalysisException.class, () -> call("window", ts("2021-01-01T00:00:00Z"), str("1 month")));
    assertEquals("_LEGACY_ERROR_TEMP_3231", e.errorClass());
    e = assertThrows(AnalysisException.class, () -> call("window", ts("2021-01-01T00:00:00Z"), str("10 mins")));
    assertEquals("INVALID_INTERVAL_FORMAT.INVALID_UNIT", e.errorClass());
    e = assertThrows(AnalysisException.class, () -> call("window", ts("2021-01-01T00:00:00Z"), str("1.5 hours")));
    assertEquals("INVALID_INTERVAL_FORMAT.INVALID_FRACTION", e.errorClass());
    e = assertThrows(AnalysisException.class,
        () -> call("window", ts("2021-01-01T00:00:00Z"), col(0, DataTypes.STRING)));
    assertEquals("INVALID_WINDOW_DURATION_LITERAL", e.errorClass());
    e = assertThrows(AnalysisException.class, () -> call("window", i(1), str("1 minute")));
    assertEquals("DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE", e.errorClass());
    assertEquals("WRONG_NUM_ARGS",
        assertThrows(AnalysisException.class, () -> call("window", ts("2021-01-01T00:00:00Z"))).errorClass());
  }

  @Test
  void stringTimesAreCastAndWindowStructsUseTheirWindowTime() {
    Row w = (Row) eval("window", str("2021-01-01 00:04:30"), str("5 minutes"));
    assertEquals(window("2021-01-01T00:00:00Z", "2021-01-01T00:05:00Z").get(0), w.get(0));
    Expression inner = call("window", ts("2021-01-01T00:04:30Z"), str("5 minutes"));
    assertEquals(Instant.parse("2021-01-01T00:04:59.999999Z"), eval("window_time", inner));
    Row outer = (Row) eval("window", inner, str("10 minutes"));
    assertEquals(Instant.parse("2021-01-01T00:00:00Z"), outer.get(0));
    assertEquals(Instant.parse("2021-01-01T00:10:00Z"), outer.get(1));
    assertNull(eval("window_time", nullOf(TimeWindow.TYPE)));
  }

  @Test
  void sessionWindowOfARowSpansTheGap() {
    Row s = (Row) eval("session_window", ts("2021-01-01T00:00:00Z"), str("5 minutes"));
    assertEquals(Instant.parse("2021-01-01T00:00:00Z"), s.get(0));
    assertEquals(Instant.parse("2021-01-01T00:05:00Z"), s.get(1));
    assertNull(eval("session_window", nullOf(DataTypes.TIMESTAMP), str("5 minutes")));
    assertNull(eval("session_window", ts("2021-01-01T00:00:00Z"), str("not an interval")));
    assertNull(eval("session_window", ts("2021-01-01T00:00:00Z"), nullOf(DataTypes.STRING)));
    Expression dynamic = call("session_window", ts("2021-01-01T00:00:00Z"), col(0, DataTypes.STRING));
    assertInstanceOf(SessionWindow.class, dynamic);
    VectorBuilder gaps = VectorBuilder.forType(DataTypes.STRING, 3);
    values("1 minute", "bad", null).forEach(gaps::append);
    ColumnVector out = dynamic.evaluate(new Batch(DataTypes.struct(DataTypes.field("c0", DataTypes.STRING)),
        new ColumnVector[] {gaps.build()}, 3), ANSI);
    assertEquals(window("2021-01-01T00:00:00Z", "2021-01-01T00:01:00Z").get(1), ((Row) out.get(0)).get(1));
    assertTrue(out.isNull(1) && out.isNull(2));
    assertEquals("DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE", assertThrows(AnalysisException.class,
        () -> call("session_window", ts("2021-01-01T00:00:00Z"), i(5))).errorClass());
  }

  @Test
  void intervalStringsFollowSpark() {
    assertEquals(new IntervalStrings.Interval(14, 3, 0), IntervalStrings.parse("1 year 2 months 3 days"));
    assertEquals(new IntervalStrings.Interval(0, 0, -90_000_000L), IntervalStrings.parse("-1 minute -30 seconds"));
    assertEquals(new IntervalStrings.Interval(0, 0, 1_001L), IntervalStrings.parse("1 millisecond 1 microsecond"));
    assertEquals(new IntervalStrings.Interval(0, 0, -500_000L), IntervalStrings.parse("-0.5 seconds"));
    assertEquals("INVALID_INTERVAL_FORMAT.INPUT_IS_EMPTY",
        assertThrows(AnalysisException.class, () -> IntervalStrings.parse(" ")).errorClass());
    assertEquals("INVALID_INTERVAL_FORMAT.MISSING_UNIT",
        assertThrows(AnalysisException.class, () -> IntervalStrings.parse("10")).errorClass());
    assertNull(IntervalStrings.microsOrNull("2 months"));
    assertEquals(60_000_000L, IntervalStrings.microsOrNull("1 minute"));
  }
}
