package io.ember.api.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.api.internal.IntervalStrings.Interval;
import io.ember.core.errors.AnalysisException;
import org.junit.jupiter.api.Test;

class IntervalStringsTest {
  private static final long SECOND = 1_000_000L;
  private static final long DAY = 86_400L * SECOND;

  @Test
  void parsesSparksIntervalStrings() {
    assertEquals(new Interval(0, 0, 10 * SECOND), IntervalStrings.parse("10 seconds"));
    assertEquals(new Interval(0, 0, SECOND), IntervalStrings.parse("1 second"));
    assertEquals(new Interval(0, 0, 90 * 60 * SECOND), IntervalStrings.parse("interval 1 hour 30 minutes"));
    assertEquals(new Interval(0, 0, 90 * 60 * SECOND), IntervalStrings.parse("INTERVAL 1 Hour 30 Minutes"));
    assertEquals(new Interval(0, 0, 1_500_000), IntervalStrings.parse("1.5 seconds"));
    assertEquals(new Interval(0, 0, 250_000), IntervalStrings.parse("250 milliseconds"));
    assertEquals(new Interval(0, 0, 7), IntervalStrings.parse("7 microseconds"));
    assertEquals(new Interval(0, 14, 0), IntervalStrings.parse("2 weeks"));
    assertEquals(new Interval(14, 3, 0), IntervalStrings.parse("1 year 2 months 3 days"));
    assertEquals(new Interval(0, 1, -10 * SECOND), IntervalStrings.parse("1 day -10 seconds"));
  }

  @Test
  void aDurationCountsAMonthAsThirtyOneDays() {
    assertEquals(31 * DAY + DAY + SECOND, IntervalStrings.parse("1 month 1 day 1 second").durationMicros());
    assertEquals(-10 * SECOND, IntervalStrings.parse("-10 seconds").durationMicros());
    assertEquals(31 * DAY - 40 * DAY, IntervalStrings.parse("1 month -40 days").durationMicros());
  }

  @Test
  void rejectsWhatIsNotAnInterval() {
    for (String bad : new String[] {"", "interval", "ten seconds", "10", "10 fortnights", "1.5 minutes",
        "1 second 2", "0.0000001 seconds"}) {
      AnalysisException e = assertThrows(AnalysisException.class, () -> IntervalStrings.parse(bad), bad);
      assertEquals("CANNOT_PARSE_INTERVAL", e.errorClass());
      assertTrue(e.getMessage().contains("Unable to parse '" + bad + "'."), e.getMessage());
    }
    assertThrows(AnalysisException.class, () -> IntervalStrings.parse(null));
  }
}
