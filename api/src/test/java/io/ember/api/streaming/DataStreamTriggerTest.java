package io.ember.api.streaming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.core.errors.EmberIllegalArgumentException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DataStreamTriggerTest {
  private static long intervalOf(Trigger t) {
    return ((Trigger.ProcessingTimeTrigger) t).intervalMs();
  }

  @Test
  void processingTimeReadsSparkIntervalStrings() {
    assertEquals(1000, intervalOf(Trigger.ProcessingTime("1 second")));
    assertEquals(10_000, intervalOf(Trigger.ProcessingTime("10 seconds")));
    assertEquals(90_000, intervalOf(Trigger.ProcessingTime("1 minute 30 seconds")));
    assertEquals(500, intervalOf(Trigger.ProcessingTime("interval 500 milliseconds")));
    assertEquals(7_200_000, intervalOf(Trigger.ProcessingTime("2 HOURS")));
    assertEquals(86_400_000L * 7, intervalOf(Trigger.ProcessingTime("1 week")));
    assertEquals(250, intervalOf(Trigger.ProcessingTime(250)));
    assertEquals(3000, intervalOf(Trigger.ProcessingTime(3, TimeUnit.SECONDS)));
    assertEquals(0, intervalOf(Trigger.ProcessingTime("0 seconds")));
  }

  @Test
  void processingTimeRejectsBadIntervals() {
    for (String bad : new String[] {"", "1", "one second", "1 fortnight", "-1 second", "1 second 5"}) {
      EmberIllegalArgumentException e =
          assertThrows(EmberIllegalArgumentException.class, () -> Trigger.ProcessingTime(bad), bad);
      assertEquals("INVALID_TRIGGER_INTERVAL", e.errorClass(), bad);
    }
    EmberIllegalArgumentException months =
        assertThrows(EmberIllegalArgumentException.class, () -> Trigger.ProcessingTime("1 month"));
    assertTrue(months.getMessage().contains("Doesn't support month or year interval"), months.getMessage());
    assertThrows(EmberIllegalArgumentException.class, () -> Trigger.ProcessingTime(-5));
  }

  @Test
  void onceAndAvailableNowAreTheirOwnKinds() {
    assertInstanceOf(Trigger.OnceTrigger.class, Trigger.Once());
    assertInstanceOf(Trigger.AvailableNowTrigger.class, Trigger.AvailableNow());
    assertEquals(Trigger.Once(), Trigger.Once());
  }

  @Test
  void outputModesParseCaseInsensitivelyAndPrintAsSpark() {
    assertEquals(OutputMode.Append(), OutputMode.fromString("append"));
    assertEquals(OutputMode.Update(), OutputMode.fromString("UPDATE"));
    assertEquals(OutputMode.Complete(), OutputMode.fromString("Complete"));
    assertEquals("Append", OutputMode.Append().toString());
    assertEquals("Complete", OutputMode.COMPLETE.toString());
    EmberIllegalArgumentException e =
        assertThrows(EmberIllegalArgumentException.class, () -> OutputMode.fromString("xyz"));
    assertEquals("[STREAMING_OUTPUT_MODE.INVALID] Invalid streaming output mode: xyz. Accepted output modes are"
        + " 'Append', 'Complete', 'Update'.", e.getMessage());
  }
}
